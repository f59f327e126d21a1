package com.chimti.ai.core.domain.artifact;

import com.chimti.ai.core.domain.AiException;


/** An artifact larger than the configured maximum; nothing was stored. */
public class ArtifactTooLargeException extends AiException {
    public ArtifactTooLargeException(String message) {
        super(message);
    }
}
