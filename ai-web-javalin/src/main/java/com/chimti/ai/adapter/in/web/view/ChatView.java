package com.chimti.ai.adapter.in.web.view;

import com.chimti.ai.core.domain.chat.AiChat;
import java.time.Instant;

public record ChatView(String id, String title, String provider, String model, String brandId, String locationId,
                Instant createdAt, Instant updatedAt) {
    public static ChatView of(AiChat chat) {
        return new ChatView(chat.id().value(), chat.title(), chat.provider().value(), chat.model(),
                Views.text(chat.brandId()), Views.text(chat.locationId()), chat.createdAt(), chat.updatedAt());
    }
}
