package com.chimti.ai.core.domain;

import java.util.Objects;

/**
 * How a turn ended. A cancelled or timed-out turn is an expected outcome, not an error: {@code text} then
 * holds the partial answer. Provider faults (not connected, rate limited) are thrown instead.
 */
public record CompletionResult(String text, TokenUsage usage, String model, TurnOutcome outcome) {
    public CompletionResult {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(outcome, "outcome");
        usage = usage == null ? TokenUsage.NONE : usage;
    }
}
