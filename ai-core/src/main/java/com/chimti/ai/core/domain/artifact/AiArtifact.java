package com.chimti.ai.core.domain.artifact;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A file an action wrote for its owner. The bytes live in an artifact store under {@code storageKey}, an opaque
 * key the store generated; the domain never sees a file path. {@code clientId} and {@code brandId} are those of
 * the owner's request (null only on rows written before they were recorded); {@code sizeBytes} is the stored
 * length.
 */
public record AiArtifact(
        ArtifactId id,
        UserId userId,
        ClientId clientId,
        BrandId brandId,
        ChatId chatId,
        String type,
        String title,
        StorageKey storageKey,
        String mimeType,
        long sizeBytes,
        Map<String, Object> metadata,
        Instant createdAt) {

    public AiArtifact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(storageKey, "storageKey");
        Objects.requireNonNull(createdAt, "createdAt");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative");
        }
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /**
     * Who may see it: its owner (the same sub in the same client), or a brand superadmin or admin of the same
     * client whose scope includes the artifact's brand. An artifact without a client (written before clients were
     * recorded, by a sub that had several clients, see V9) is no one's: its owner cannot be told apart.
     */
    public boolean readableBy(Caller caller) {
        boolean sameClient = clientId != null && clientId.equals(caller.clientId());
        if (userId.equals(caller.userId())) {
            return sameClient;
        }
        return sameClient && brandId != null && caller.isBrandAdmin() && caller.brandIds().contains(brandId);
    }
}
