package com.chimti.ai.core.domain.account;

import java.util.Locale;

public enum AccountState {
    CONNECTED, DISCONNECTED, LOGIN_PENDING, ERROR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
