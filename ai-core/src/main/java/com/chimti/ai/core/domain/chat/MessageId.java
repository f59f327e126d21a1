package com.chimti.ai.core.domain.chat;

import com.chimti.ai.core.domain.IdRules;
import com.chimti.ai.core.domain.TimeOrderedIds;


public record MessageId(String value) {
    public MessageId {
        IdRules.require(value, "messageId");
    }

    public static MessageId newId() {
        return new MessageId(TimeOrderedIds.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
