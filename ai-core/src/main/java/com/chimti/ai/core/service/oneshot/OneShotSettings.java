package com.chimti.ai.core.service.oneshot;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits of one-shot calls ({@code AI_MESSAGE_MAX_CHARS}, {@code AI_ONE_SHOT_CONTEXT_MAX_CHARS},
 * {@code AI_TURN_TIMEOUT_MS} in the app).
 *
 * @param maxInputChars      cap of {@code message} and of each history entry; longer text is cut with a marker
 * @param maxContextChars    cap of {@code context}
 * @param maxHistoryMessages earlier turns kept for the legacy endpoint (the latest ones)
 * @param timeout            hard time limit of the provider call
 */
public record OneShotSettings(int maxInputChars, int maxContextChars, int maxHistoryMessages, Duration timeout) {
    public static final OneShotSettings DEFAULTS = new OneShotSettings(8000, 200_000, 20, Duration.ofSeconds(120));

    public OneShotSettings {
        Objects.requireNonNull(timeout, "timeout");
        if (maxInputChars < 1 || maxContextChars < 1 || maxHistoryMessages < 0 || timeout.isNegative()
                || timeout.isZero()) {
            throw new IllegalArgumentException("one-shot settings must be positive");
        }
    }
}
