package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Something the model proposed to do for its owner (a user in one client); the backend validates it and only then,
 * maybe, executes it.
 */
public record AiAction(
        ActionId id,
        ChatId chatId,
        TenantUser owner,
        String actionType,
        ActionStatus status,
        Map<String, Object> input,
        Map<String, Object> result,
        Instant createdAt,
        Instant completedAt) {

    public AiAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(actionType, "actionType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        input = input == null ? Map.of() : Map.copyOf(input);
        result = result == null ? Map.of() : Map.copyOf(result);
    }
}
