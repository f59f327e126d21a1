package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.core.domain.AiMessage;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.MessageId;
import com.chimti.ai.core.domain.MessageRole;
import com.chimti.ai.core.domain.ProviderId;
import java.time.Instant;

/** One ai_messages row; {@code metadata} is the jsonb text. */
record MessageRow(String id, String chatId, String role, String content, String provider, String model,
                  String metadata, Instant createdAt) {

    static MessageRow of(AiMessage message) {
        return new MessageRow(message.id().value(), message.chatId().value(), message.role().wireName(),
                message.content(), message.provider() == null ? null : message.provider().value(),
                message.model(), Json.write(message.metadata()), Times.micros(message.createdAt()));
    }

    AiMessage toDomain() {
        return new AiMessage(new MessageId(id), new ChatId(chatId), MessageRole.fromWireName(role), content,
                provider == null ? null : new ProviderId(provider), model, Json.read(metadata), createdAt);
    }
}
