package com.chimti.ai.core.domain;

/** The request conflicts with the current state (a turn already running, a reused idempotency key...). */
public class ConflictException extends AiException {
    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
