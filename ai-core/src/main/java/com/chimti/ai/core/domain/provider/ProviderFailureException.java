package com.chimti.ai.core.domain.provider;

import com.chimti.ai.core.domain.AiException;


/** The provider failed for a reason the caller cannot fix (crash, bad output, missing CLI). */
public class ProviderFailureException extends AiException {
    public ProviderFailureException(String message) {
        super(message);
    }

    public ProviderFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
