package com.chimti.ai.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Typed reads of environment variables, each failing with a message that names the variable. */
final class Env {
    private final Map<String, String> values;

    Env(Map<String, String> values) {
        this.values = values;
    }

    String string(String name, String fallback) {
        String value = values.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    String optional(String name) {
        return string(name, null);
    }

    int integer(String name, int fallback, int min, int max) {
        String raw = optional(name);
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException notANumber) {
            throw new ConfigException(name + " must be a whole number");
        }
    }

    long longValue(String name, long fallback, long min, long max) {
        String raw = optional(name);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw);
            if (value < min || value > max) {
                throw new ConfigException(name + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException notANumber) {
            throw new ConfigException(name + " must be a whole number");
        }
    }

    Duration millis(String name, long fallbackMillis, long min, long max) {
        return Duration.ofMillis(longValue(name, fallbackMillis, min, max));
    }

    boolean bool(String name, boolean fallback) {
        String raw = optional(name);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(name + " must be true or false");
        };
    }

    Path path(String name, Path fallback) {
        String raw = optional(name);
        try {
            return raw == null ? fallback : Path.of(raw);
        } catch (java.nio.file.InvalidPathException invalid) {
            throw new ConfigException(name + " is not a valid path");
        }
    }

    List<String> list(String name, String fallback) {
        String raw = string(name, fallback);
        if (raw == null) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
