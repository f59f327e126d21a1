package com.chimti.ai.core.domain.account;

import java.util.Locale;

public enum LoginState {
    PENDING, CONNECTED, FAILED, EXPIRED, CANCELLED;

    public boolean isFinal() {
        return this != PENDING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LoginState fromWireName(String name) {
        return LoginState.valueOf(name.toUpperCase(Locale.ROOT));
    }
}
