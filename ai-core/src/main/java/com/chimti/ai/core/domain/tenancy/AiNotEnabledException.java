package com.chimti.ai.core.domain.tenancy;

import com.chimti.ai.core.domain.AiException;


/** The caller may not use AI: the module is off for the client or the role lacks AI permission. */
public class AiNotEnabledException extends AiException {
    public AiNotEnabledException(String message) {
        super(message);
    }

    public AiNotEnabledException(String message, Throwable cause) {
        super(message, cause);
    }
}
