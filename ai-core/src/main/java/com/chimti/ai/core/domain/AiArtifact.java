package com.chimti.ai.core.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A file a turn produced or an action wrote, scoped to its owner. */
public record AiArtifact(
        ArtifactId id,
        UserId userId,
        ChatId chatId,
        String type,
        String title,
        String storagePath,
        String mimeType,
        Map<String, Object> metadata,
        Instant createdAt) {

    public AiArtifact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(storagePath, "storagePath");
        Objects.requireNonNull(createdAt, "createdAt");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
