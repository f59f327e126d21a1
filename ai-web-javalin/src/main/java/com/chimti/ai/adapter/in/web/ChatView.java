package com.chimti.ai.adapter.in.web;

import com.chimti.ai.core.domain.AiChat;
import java.time.Instant;

record ChatView(String id, String title, String provider, String model, String brandId, String locationId,
                Instant createdAt, Instant updatedAt) {
    static ChatView of(AiChat chat) {
        return new ChatView(chat.id().value(), chat.title(), chat.provider().value(), chat.model(),
                Views.text(chat.brandId()), Views.text(chat.locationId()), chat.createdAt(), chat.updatedAt());
    }
}
