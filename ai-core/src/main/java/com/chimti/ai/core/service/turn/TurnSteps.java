package com.chimti.ai.core.service.turn;

import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.TurnListener;
import java.time.Instant;
import java.util.List;

/**
 * What one kind of turn (a chat turn, a one-shot call) adds to the {@link TurnEnvelope}, called in this order
 * by one thread. The envelope owns everything in between; a step that throws ends the turn as the envelope
 * says (before the provider call: the hold is released and nothing is charged).
 *
 * @param <R> what the use case answers
 */
public interface TurnSteps<R> {

    /**
     * What the turn will send, for the estimate that the admission and the hold are sized by. Called once the
     * turn is registered (so, in a chat, no other turn of the chat runs), before the admission; store nothing
     * here.
     */
    Sent sent();

    /**
     * The provider call, built once the turn is admitted and its maximum cost held: store what goes before the
     * answer here (a chat stores the user's message, stamped {@code started}).
     *
     * @param cancellation signalled when the chat's turn is cancelled (a call in no chat is never signalled)
     */
    CompletionRequest request(CancellationSignal cancellation, Instant started);

    /** Where the provider's deltas, progress and usage are streamed to. */
    TurnListener listener();

    /**
     * The answer stored with the settlement, in the same transaction as the charge and the usage row; null when
     * the turn stores none (one-shot calls).
     *
     * @param model   the model that answered
     * @param credits what the turn is charged
     */
    AiMessage answer(CompletionResult result, String model, long credits, Instant started, Instant finished);

    /** The use case's answer once the turn is settled. */
    R result(CompletionResult result, String model, TurnSettlement settled);

    /**
     * What a turn sends, as the estimate counts it: one token per character of the messages and the context.
     *
     * @param context the context sent with the messages, or null
     */
    record Sent(List<PromptMessage> messages, String context) {
        public Sent {
            messages = List.copyOf(messages);
        }
    }
}
