package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.AiException;


/** The wallet cannot cover the call's maximum cost. */
public class InsufficientCreditsException extends AiException {
    public InsufficientCreditsException(String message) {
        super(message);
    }

    public InsufficientCreditsException(String message, Throwable cause) {
        super(message, cause);
    }
}
