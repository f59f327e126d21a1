package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Artifact records (not their bytes: see {@link ArtifactStore}). Lists are newest first, at most {@code limit}. */
public interface ArtifactRepository {

    void insert(AiArtifact artifact);

    Optional<AiArtifact> findById(ArtifactId id);

    /**
     * The owner's artifacts (in the owner's client); only the chat's when {@code chatId} is set, only the brand's
     * when {@code brandId} is.
     */
    List<AiArtifact> findByOwner(TenantUser owner, ChatId chatId, BrandId brandId, int limit);

    /** Every owner's artifacts in the client's brand; only the chat's when {@code chatId} is set. */
    List<AiArtifact> findByBrand(ClientId clientId, BrandId brandId, ChatId chatId, int limit);

    /** Whether a record was removed. */
    boolean delete(ArtifactId id);

    /**
     * Retention: deletes at most {@code limit} records created before {@code cutoff}, oldest first, and returns
     * their storage keys (the caller deletes the bytes after). Several instances may call it at once: each record
     * is deleted, and its key returned, once.
     */
    List<StorageKey> deleteCreatedBefore(Instant cutoff, int limit);
}
