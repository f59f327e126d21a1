package com.chimti.ai.core.domain;

/**
 * A broken business rule. Messages are safe to show to the caller: they never carry secrets, paths or
 * message text. Only the web adapter decides which HTTP status each subtype becomes.
 */
public abstract class AiException extends RuntimeException {
    protected AiException(String message) {
        super(message, null, false, false);
    }

    protected AiException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
