package com.chimti.ai.adapter.out.persistence.artifact;

import com.chimti.ai.adapter.out.persistence.sql.Json;
import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;

/** One ai_artifacts row; {@code metadata} is jsonb text, {@code storagePath} holds the store's opaque key. */
record ArtifactRow(String id, String userId, String clientId, String brandId, String chatId, String type,
                   String title, String storagePath, String mimeType, long sizeBytes, String metadata,
                   Instant createdAt) {

    static ArtifactRow of(AiArtifact artifact) {
        return new ArtifactRow(artifact.id().value(), artifact.userId().value(), text(artifact.clientId()),
                text(artifact.brandId()), text(artifact.chatId()), artifact.type(), artifact.title(),
                artifact.storageKey().value(), artifact.mimeType(), artifact.sizeBytes(),
                Json.write(artifact.metadata()), Times.micros(artifact.createdAt()));
    }

    AiArtifact toDomain() {
        return new AiArtifact(new ArtifactId(id), new UserId(userId), clientId == null ? null : new ClientId(clientId),
                brandId == null ? null : new BrandId(brandId), chatId == null ? null : new ChatId(chatId), type,
                title, new StorageKey(storagePath), mimeType, sizeBytes, Json.read(metadata), createdAt);
    }

    private static String text(Object id) {
        return id == null ? null : id.toString();
    }
}
