package com.chimti.ai.core.domain.chat;

import com.chimti.ai.core.domain.ValidationException;
import java.util.Locale;

public enum MessageRole {
    USER, ASSISTANT, SYSTEM, TOOL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MessageRole fromWireName(String name) {
        for (MessageRole role : values()) {
            if (role.wireName().equals(name)) {
                return role;
            }
        }
        throw new ValidationException("unknown message role");
    }
}
