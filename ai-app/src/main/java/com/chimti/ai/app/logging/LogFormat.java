package com.chimti.ai.app.logging;

import com.chimti.ai.app.ConfigException;
import java.util.Locale;
import java.util.Map;

/**
 * How log lines are written: {@link #JSON} (one object per line, for a log pipeline) in production, {@link #TEXT}
 * (one readable line) in development. {@code AI_LOG_FORMAT} chooses; without it, {@code AI_DEV_MODE=true} means
 * text and anything else JSON.
 */
public enum LogFormat {
    JSON, TEXT;

    public static final String VARIABLE = "AI_LOG_FORMAT";

    /** The format the environment asks for; a value other than json or text is a {@link ConfigException}. */
    public static LogFormat fromEnvironment(Map<String, String> environment) {
        String raw = environment.get(VARIABLE);
        if (raw == null || raw.isBlank()) {
            return devMode(environment.get("AI_DEV_MODE")) ? TEXT : JSON;
        }
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "json" -> JSON;
            case "text" -> TEXT;
            default -> throw new ConfigException(VARIABLE + " must be json or text");
        };
    }

    /** Same spellings as the configuration's booleans; a bad AI_DEV_MODE is reported by AppConfig, not here. */
    private static boolean devMode(String raw) {
        return raw != null && switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            default -> false;
        };
    }
}
