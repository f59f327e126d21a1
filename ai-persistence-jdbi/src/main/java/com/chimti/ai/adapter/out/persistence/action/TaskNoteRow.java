package com.chimti.ai.adapter.out.persistence.action;

import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.TaskNote;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;

/** One ai_task_notes row. */
record TaskNoteRow(String id, String actionId, String userId, String clientId, String brandId, String locationId,
                   String chatId, String title, String body, String dueDate, Instant createdAt) {

    static TaskNoteRow of(TaskNote note) {
        return new TaskNoteRow(note.id(), note.actionId().value(), note.userId().value(), note.clientId().value(),
                note.brandId().value(), note.locationId() == null ? null : note.locationId().value(),
                note.chatId() == null ? null : note.chatId().value(), note.title(), note.body(), note.dueDate(),
                Times.micros(note.createdAt()));
    }

    TaskNote toDomain() {
        return new TaskNote(id, new ActionId(actionId), new UserId(userId), new ClientId(clientId),
                new BrandId(brandId), locationId == null ? null : new LocationId(locationId),
                chatId == null ? null : new ChatId(chatId), title, body, dueDate, createdAt);
    }
}
