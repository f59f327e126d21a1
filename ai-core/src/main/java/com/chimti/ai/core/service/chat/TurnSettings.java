package com.chimti.ai.core.service.chat;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one chat turn: how many earlier messages go with it, the input cap (longer input is cut with a
 * visible marker) and the hard time limit.
 */
public record TurnSettings(int historyMessages, int maxInputChars, Duration timeout) {
    public static final TurnSettings DEFAULTS = new TurnSettings(20, 8000, Duration.ofMinutes(2));

    public TurnSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (historyMessages < 0 || maxInputChars < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("turn settings must be positive");
        }
    }
}
