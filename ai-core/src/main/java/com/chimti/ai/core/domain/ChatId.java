package com.chimti.ai.core.domain;

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
