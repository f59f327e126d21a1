package com.chimti.ai.core.domain.audit;

/** The security-relevant events the audit trail keeps. */
public enum AuditEventType {
    LOGIN_CONNECTED,
    LOGIN_FAILED,
    LOGGED_OUT,
    MODEL_CHANGED,
    ACTION_CONFIRMED,
    ACTION_REJECTED,
    ACTION_EXECUTED,
    ACTION_FAILED,
    WALLET_TOPPED_UP,
    USER_ERASED,
    ARTIFACT_DELETED
}
