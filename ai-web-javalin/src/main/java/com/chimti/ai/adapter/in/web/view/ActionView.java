package com.chimti.ai.adapter.in.web.view;

import com.chimti.ai.core.domain.action.AiAction;
import java.time.Instant;
import java.util.Map;

/** An action the model proposed, with its status and, once it ran, its result. */
public record ActionView(String id, String chatId, String actionType, String status, Map<String, Object> input,
                  Map<String, Object> result, Instant createdAt, Instant completedAt) {
    public static ActionView of(AiAction action) {
        return new ActionView(action.id().value(), Views.text(action.chatId()), action.actionType(),
                action.status().wireName(), action.input(), action.result(), action.createdAt(),
                action.completedAt());
    }
}
