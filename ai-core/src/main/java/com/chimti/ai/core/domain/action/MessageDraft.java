package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.Objects;

/** A customer message draft written by the {@code draft_customer_message} action. Never sent by the backend. */
public record MessageDraft(String id, ActionId actionId, UserId userId, ClientId clientId, BrandId brandId,
                           LocationId locationId, ChatId chatId, String customerName, String channel, String body,
                           Instant createdAt) {
    public MessageDraft {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(createdAt, "createdAt");
        if (body == null || body.isBlank()) {
            throw new IllegalArgumentException("a draft needs a body");
        }
    }
}
