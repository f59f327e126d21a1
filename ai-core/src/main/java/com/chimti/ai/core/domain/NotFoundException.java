package com.chimti.ai.core.domain;

/** An object that does not exist or is not the caller's; the two are never told apart. */
public class NotFoundException extends AiException {
    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
