package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.port.in.AskOnceResult;
import com.chimti.ai.core.port.in.StreamEncoder;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.in.TurnStream;
import java.util.List;
import java.util.Locale;

/** Events as plain text, easy to assert on: the edge's JSON is the web adapter's business. */
final class PlainEncoder implements StreamEncoder {
    @Override
    public Encoded userMessage(AiMessage userMessage) {
        return new Encoded("message", userMessage.id().value());
    }

    @Override
    public Encoded delta(String text) {
        return new Encoded("delta", text);
    }

    @Override
    public Encoded progress(String kind, String summary) {
        return new Encoded("progress", kind + ": " + summary);
    }

    @Override
    public Encoded action(AiAction action) {
        return new Encoded("action", action.actionType());
    }

    @Override
    public List<Encoded> turnEnded(TurnResult turn) {
        return ended(turn.outcome(), turn.outcome() == TurnOutcome.COMPLETED ? turn.assistantMessage().content() : "");
    }

    @Override
    public List<Encoded> callEnded(AskOnceResult result) {
        return ended(result.meta().outcome(), result.answer());
    }

    private static List<Encoded> ended(TurnOutcome outcome, String answer) {
        Encoded last = outcome == TurnOutcome.COMPLETED ? new Encoded("done", answer)
                : new Encoded("error", outcome.name().toLowerCase(Locale.ROOT));
        return List.of(new Encoded("usage", ""), last);
    }

    @Override
    public Encoded failed(Throwable failure) {
        return new Encoded("error", failure.getClass().getSimpleName());
    }

    @Override
    public Encoded connectionEnded(TurnStream.Ending ending) {
        return new Encoded("error", ending.name().toLowerCase(Locale.ROOT));
    }
}
