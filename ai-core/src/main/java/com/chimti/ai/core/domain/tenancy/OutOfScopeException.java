package com.chimti.ai.core.domain.tenancy;

import com.chimti.ai.core.domain.AiException;


/** A brand, location or record the caller may not reach on the platform. */
public class OutOfScopeException extends AiException {
    public OutOfScopeException(String message) {
        super(message);
    }

    public OutOfScopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
