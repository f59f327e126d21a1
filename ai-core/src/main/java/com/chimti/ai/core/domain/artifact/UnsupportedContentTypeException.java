package com.chimti.ai.core.domain.artifact;

import com.chimti.ai.core.domain.AiException;


/** An artifact whose content type is not on the configured allowlist; nothing was stored. */
public class UnsupportedContentTypeException extends AiException {
    public UnsupportedContentTypeException(String message) {
        super(message);
    }
}
