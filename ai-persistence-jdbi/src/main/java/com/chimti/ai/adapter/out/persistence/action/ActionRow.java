package com.chimti.ai.adapter.out.persistence.action;

import com.chimti.ai.adapter.out.persistence.sql.Json;
import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;

/** One ai_actions row; {@code input} and {@code result} are jsonb text. */
record ActionRow(String id, String chatId, String clientId, String userId, String actionType, String status,
                 String input, String result, Instant createdAt, Instant completedAt) {

    static ActionRow of(AiAction action) {
        return new ActionRow(action.id().value(), action.chatId() == null ? null : action.chatId().value(),
                action.owner().clientId().value(), action.owner().userId().value(), action.actionType(),
                action.status().wireName(), Json.write(action.input()), Json.write(action.result()),
                Times.micros(action.createdAt()), Times.micros(action.completedAt()));
    }

    AiAction toDomain() {
        return new AiAction(new ActionId(id), chatId == null ? null : new ChatId(chatId),
                new TenantUser(new ClientId(clientId), new UserId(userId)),
                actionType, ActionStatus.fromWireName(status), Json.read(input), Json.read(result), createdAt,
                completedAt);
    }
}
