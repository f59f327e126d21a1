package com.chimti.ai.core.domain.action;

import java.util.Locale;

/** Why a proposal was rejected; stored in the action's result as {@code reason} (its wire name). */
public enum RejectionReason {
    UNKNOWN_TYPE,
    MISSING_FIELD,
    INVALID_FIELD,
    OUT_OF_SCOPE,
    ROLE_NOT_ALLOWED,
    /** The user rejected the proposal. */
    REJECTED_BY_USER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
