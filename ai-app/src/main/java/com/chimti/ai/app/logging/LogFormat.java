package com.chimti.ai.app.logging;

import java.util.Locale;

/**
 * How log lines are written: {@link #JSON} (one object per line, for a log pipeline) in production, {@link #TEXT}
 * (one readable line) in development. The configuration chooses ({@code AppConfig.logFormat}: AI_LOG_FORMAT, or
 * else AI_DEV_MODE).
 */
public enum LogFormat {
    JSON, TEXT;

    /** {@code json} or {@code text}, in any case; anything else is an {@link IllegalArgumentException}. */
    public static LogFormat parse(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "text" -> TEXT;
            default -> throw new IllegalArgumentException("not a log format");
        };
    }
}
