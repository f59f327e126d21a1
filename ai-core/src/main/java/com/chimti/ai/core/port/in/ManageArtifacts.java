package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.List;

/**
 * Files actions wrote. An artifact is visible to its owner, and to a brand superadmin or admin of the same client
 * whose scope includes the artifact's brand ({@link AiArtifact#readableBy}); to everyone else it does not exist
 * ({@link com.chimti.ai.core.domain.NotFoundException}).
 */
public interface ManageArtifacts {
    /** The most a list returns, newest first. */
    int MAX_LIST = 200;

    /**
     * Without {@code brandId}: the caller's own artifacts (of the chat, when {@code chatId} is set). With a
     * {@code brandId} in the caller's scope (else {@link com.chimti.ai.core.domain.tenancy.OutOfScopeException}): a brand
     * admin sees every user's artifacts of that brand in their client, anyone else their own of that brand.
     */
    List<AiArtifact> list(Caller caller, ChatId chatId, BrandId brandId);

    AiArtifact get(Caller caller, ArtifactId artifactId);

    /** The artifact and its bytes. */
    ArtifactContent open(Caller caller, ArtifactId artifactId);

    /**
     * Deletes one of the caller's own artifacts, record and bytes; anyone else's, a missing one or one deleted
     * already is {@link com.chimti.ai.core.domain.NotFoundException}.
     */
    void delete(Caller caller, ArtifactId artifactId);
}
