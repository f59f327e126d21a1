package com.chimti.ai.core.domain.provider;

import com.chimti.ai.core.domain.AiException;


/** The caller has not connected an account with the provider, or its credentials were refused. */
public class ProviderNotConnectedException extends AiException {
    public ProviderNotConnectedException(String message) {
        super(message);
    }

    public ProviderNotConnectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
