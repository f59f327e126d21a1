package com.chimti.ai.core.domain.turn;

import com.chimti.ai.core.domain.ControlCharacters;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import java.util.Objects;

/**
 * How a turn ended. A cancelled or timed-out turn is an expected outcome, not an error: {@code text} then
 * holds the partial answer. Provider faults (not connected, rate limited) are thrown instead. {@code exitCode}
 * is the exit code of a process that ran just this turn (a CLI in exec mode), for traces; null otherwise.
 */
public record CompletionResult(String text, TokenUsage usage, String model, TurnOutcome outcome, Integer exitCode) {
    public CompletionResult {
        // model output may hold NUL and other controls: removed here, before any use stores or returns it
        text = ControlCharacters.strip(Objects.requireNonNull(text, "text"));
        Objects.requireNonNull(outcome, "outcome");
        usage = usage == null ? TokenUsage.NONE : usage;
    }

    /** A turn that ran in no process of its own (an HTTP call, a long-lived process). */
    public CompletionResult(String text, TokenUsage usage, String model, TurnOutcome outcome) {
        this(text, usage, model, outcome, null);
    }
}
