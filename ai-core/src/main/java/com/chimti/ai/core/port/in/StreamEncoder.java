package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.AiMessage;
import java.util.List;
import java.util.Objects;

/**
 * How the edge writes the events of a stream: each becomes a name and a data text, which the core keeps, numbers
 * and shares with other instances as they are, and never reads back. Called on the thread where the event happens.
 */
public interface StreamEncoder {

    /** An event's name and data. */
    record Encoded(String name, String data) {
        public Encoded {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    /** The first event of a chat turn: its user message is stored. */
    Encoded userMessage(AiMessage userMessage);

    /** A piece of the answer; its control characters are already stripped, and it is never empty. */
    Encoded delta(String text);

    Encoded progress(String kind, String summary);

    /** An action the model proposed and the backend recorded. */
    Encoded action(AiAction action);

    /** The last events of a chat turn: what it cost and how it ended. */
    List<Encoded> turnEnded(TurnResult turn);

    /** The last events of a one-shot call: what it cost and how it ended. */
    List<Encoded> callEnded(AskOnceResult result);

    /**
     * The last event of a turn or call that failed after its stream opened. An {@link Error} is rethrown by the
     * core after this event.
     */
    Encoded failed(Throwable failure);

    /**
     * The last event of a connection that ends before its turn does ({@link TurnStream.Ending#REPLAY_UNAVAILABLE}
     * or {@link TurnStream.Ending#SLOW_CONSUMER}); it ends the connection, not the turn.
     */
    Encoded connectionEnded(TurnStream.Ending ending);
}
