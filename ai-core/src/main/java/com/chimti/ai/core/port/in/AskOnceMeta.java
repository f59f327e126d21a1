package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import java.util.Objects;

/**
 * What a one-shot call cost and how its input was treated.
 *
 * @param provider     the provider that answered
 * @param model        the model it used
 * @param durationMs   wall time of the provider call
 * @param inputTokens  as the provider reported them
 * @param outputTokens as the provider reported them
 * @param credits      what the call was charged (0 when the client has no wallet)
 * @param redactions   secrets replaced in the input (message, context, extra, history) before the provider saw it
 * @param truncated    whether any input was cut to its cap (the cut text ends with {@code [truncated N chars]})
 *                     or earlier history was dropped
 * @param skill        the skill's name in tool mode, else null
 * @param outcome      how the provider call ended (a timed-out call carries its partial answer)
 */
public record AskOnceMeta(ProviderId provider, String model, long durationMs, long inputTokens, long outputTokens,
                          long credits, int redactions, boolean truncated, String skill, TurnOutcome outcome) {
    public AskOnceMeta {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(outcome, "outcome");
    }
}
