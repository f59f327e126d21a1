package com.chimti.ai.core.domain.provider;

import com.chimti.ai.core.domain.AiException;


/** The provider did not finish within the configured time. */
public class ProviderTimeoutException extends AiException {
    public ProviderTimeoutException(String message) {
        super(message);
    }

    public ProviderTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
