package com.chimti.ai.adapter.out.persistence.action;

import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.MessageDraft;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;

/** One ai_message_drafts row. */
record MessageDraftRow(String id, String actionId, String userId, String clientId, String brandId,
                       String locationId, String chatId, String customerName, String channel, String body,
                       Instant createdAt) {

    static MessageDraftRow of(MessageDraft draft) {
        return new MessageDraftRow(draft.id(), draft.actionId().value(), draft.userId().value(),
                draft.clientId().value(), draft.brandId().value(),
                draft.locationId() == null ? null : draft.locationId().value(),
                draft.chatId() == null ? null : draft.chatId().value(), draft.customerName(), draft.channel(),
                draft.body(), Times.micros(draft.createdAt()));
    }

    MessageDraft toDomain() {
        return new MessageDraft(id, new ActionId(actionId), new UserId(userId), new ClientId(clientId),
                new BrandId(brandId), locationId == null ? null : new LocationId(locationId),
                chatId == null ? null : new ChatId(chatId), customerName, channel, body, createdAt);
    }
}
