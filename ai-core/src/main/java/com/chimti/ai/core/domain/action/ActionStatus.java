package com.chimti.ai.core.domain.action;

import java.util.Locale;

public enum ActionStatus {
    PROPOSED, CONFIRMED, EXECUTED, REJECTED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ActionStatus fromWireName(String name) {
        return ActionStatus.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
