package com.chimti.ai.core.domain;

/** The wallet cannot cover the call's maximum cost. */
public class InsufficientCreditsException extends AiException {
    public InsufficientCreditsException(String message) {
        super(message);
    }

    public InsufficientCreditsException(String message, Throwable cause) {
        super(message, cause);
    }
}
