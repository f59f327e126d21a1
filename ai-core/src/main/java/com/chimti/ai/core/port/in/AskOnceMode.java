package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.ValidationException;
import java.util.Locale;

/** What a one-shot call asks for: a chat answer, or an allowlisted skill's result. */
public enum AskOnceMode {
    CHAT, TOOL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code chat} or {@code tool}; anything else is a {@link ValidationException}. */
    public static AskOnceMode fromWireName(String name) {
        for (AskOnceMode mode : values()) {
            if (mode.wireName().equals(name)) {
                return mode;
            }
        }
        throw new ValidationException("mode must be 'chat' or 'tool'");
    }
}
