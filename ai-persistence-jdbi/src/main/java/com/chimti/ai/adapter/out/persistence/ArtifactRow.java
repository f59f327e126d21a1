package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.core.domain.AiArtifact;
import com.chimti.ai.core.domain.ArtifactId;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.UserId;
import java.time.Instant;

/** One ai_artifacts row; {@code metadata} is jsonb text. */
record ArtifactRow(String id, String userId, String chatId, String type, String title, String storagePath,
                   String mimeType, String metadata, Instant createdAt) {

    static ArtifactRow of(AiArtifact artifact) {
        return new ArtifactRow(artifact.id().value(), artifact.userId().value(),
                artifact.chatId() == null ? null : artifact.chatId().value(), artifact.type(), artifact.title(),
                artifact.storagePath(), artifact.mimeType(), Json.write(artifact.metadata()),
                Times.micros(artifact.createdAt()));
    }

    AiArtifact toDomain() {
        return new AiArtifact(new ArtifactId(id), new UserId(userId), chatId == null ? null : new ChatId(chatId),
                type, title, storagePath, mimeType, Json.read(metadata), createdAt);
    }
}
