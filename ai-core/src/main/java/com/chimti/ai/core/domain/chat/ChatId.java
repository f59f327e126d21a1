package com.chimti.ai.core.domain.chat;

import com.chimti.ai.core.domain.IdRules;
import com.chimti.ai.core.domain.TimeOrderedIds;


public record ChatId(String value) {
    public ChatId {
        IdRules.require(value, "chatId");
    }

    public static ChatId newId() {
        return new ChatId(TimeOrderedIds.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
