package com.chimti.ai.core.domain.chat;

import com.chimti.ai.core.domain.ControlCharacters;
import com.chimti.ai.core.domain.provider.ProviderId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a chat. {@code metadata} holds small, JSON-friendly values only (strings, numbers,
 * booleans, nested maps and lists): token usage, how a turn ended, its duration.
 */
public record AiMessage(
        MessageId id,
        ChatId chatId,
        MessageRole role,
        String content,
        ProviderId provider,
        String model,
        Map<String, Object> metadata,
        Instant createdAt) {

    public AiMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(role, "role");
        content = ControlCharacters.strip(Objects.requireNonNull(content, "content")); // PostgreSQL refuses NUL
        Objects.requireNonNull(createdAt, "createdAt");
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
