package com.chimti.ai.core.domain.provider;

import java.util.Locale;

/** How a provider call ended. */
public enum TurnOutcome {
    COMPLETED, CANCELLED, TIMED_OUT, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TurnOutcome fromWireName(String name) {
        return TurnOutcome.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
