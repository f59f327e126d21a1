package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.Objects;

/** A follow-up task note written by the {@code create_task_note} action; one per action. */
public record TaskNote(String id, ActionId actionId, UserId userId, ClientId clientId, BrandId brandId,
                       LocationId locationId, ChatId chatId, String title, String body, String dueDate,
                       Instant createdAt) {
    public TaskNote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(brandId, "brandId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("a task note needs a title");
        }
    }
}
