package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.provider.TokenUsage;

/** Receives a turn's output as the provider produces it. Called from the provider's thread. */
public interface TurnListener {
    TurnListener NONE = new TurnListener() {
    };

    /** A piece of the answer, in order. */
    default void onDelta(String text) {
    }

    /** A tool or reasoning step, summarised for display. */
    default void onProgress(String kind, String summary) {
    }

    default void onUsage(TokenUsage usage) {
    }
}
