package com.chimti.ai.adapter.in.web.view;

import com.chimti.ai.core.domain.chat.AiMessage;
import java.time.Instant;
import java.util.Map;

public record MessageView(String id, String chatId, String role, String content, String provider, String model,
                   Instant createdAt, Map<String, Object> metadata) {
    public static MessageView of(AiMessage message) {
        return new MessageView(message.id().value(), message.chatId().value(), message.role().wireName(),
                message.content(), Views.text(message.provider()), message.model(), message.createdAt(),
                message.metadata());
    }
}
