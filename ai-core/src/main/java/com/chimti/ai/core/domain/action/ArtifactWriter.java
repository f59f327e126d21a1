package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.artifact.AiArtifact;

/**
 * How a handler saves a file for the caller: the core stores the bytes under a key it has the store generate and
 * records the artifact. Handlers never choose a path and never touch the file system themselves.
 */
public interface ArtifactWriter {

    /**
     * Stores {@code artifact} and returns its record. Throws
     * {@link com.chimti.ai.core.domain.artifact.UnsupportedContentTypeException},
     * {@link com.chimti.ai.core.domain.artifact.ArtifactTooLargeException} or
     * {@link com.chimti.ai.core.domain.tenancy.OutOfScopeException} (brand outside the owner's scope); nothing is stored
     * then.
     */
    AiArtifact write(NewArtifact artifact);
}
