package com.chimti.ai.core.domain;

/** Input that breaks a rule of the domain (blank title, unknown model, malformed id...). */
public class ValidationException extends AiException {
    public ValidationException(String message) {
        super(message);
    }

    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
