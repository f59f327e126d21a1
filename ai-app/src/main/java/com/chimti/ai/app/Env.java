package com.chimti.ai.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed reads of the environment's {@link ConfigVariable}s, each failing with a message that names the variable
 * (never its value). A renamed variable is also found under its old name, for one release: that logs one warning
 * naming the new variable, and when both names are set the new one wins and the warning says so.
 */
final class Env {
    private final Map<String, String> values;
    private final Set<ConfigVariable> warned = EnumSet.noneOf(ConfigVariable.class);

    Env(Map<String, String> values) {
        this.values = values;
    }

    /** A value (trimmed; null when unset or blank) and the name it was found under, for messages. */
    private record Setting(String name, String value) {
    }

    private Setting setting(ConfigVariable variable) {
        String value = present(variable.name());
        String oldValue = variable.replaces() == null ? null : present(variable.replaces());
        if (oldValue == null) {
            return new Setting(variable.name(), value);
        }
        if (warned.add(variable)) {
            // the logger only here: the log encoder reads its format through this class while logging starts
            Logger log = LoggerFactory.getLogger(Env.class);
            if (value != null) {
                log.warn("{} is deprecated and ignored: {} is set too and wins", variable.replaces(), variable.name());
            } else {
                log.warn("{} is deprecated: rename it {} (the old name is read in this release only)",
                        variable.replaces(), variable.name());
            }
        }
        return value != null ? new Setting(variable.name(), value) : new Setting(variable.replaces(), oldValue);
    }

    private String present(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    String string(ConfigVariable variable, String fallback) {
        String value = setting(variable).value();
        return value == null ? fallback : value;
    }

    String optional(ConfigVariable variable) {
        return string(variable, null);
    }

    int integer(ConfigVariable variable, int fallback, int min, int max) {
        return (int) number(variable, fallback, min, max, Integer::parseInt);
    }

    long longValue(ConfigVariable variable, long fallback, long min, long max) {
        return number(variable, fallback, min, max, Long::parseLong);
    }

    private long number(ConfigVariable variable, long fallback, long min, long max, ToLongFunction<String> parse) {
        Setting setting = setting(variable);
        if (setting.value() == null) {
            return fallback;
        }
        try {
            long value = parse.applyAsLong(setting.value());
            if (value < min || value > max) {
                throw new ConfigException(setting.name() + " must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException notANumber) {
            throw new ConfigException(setting.name() + " must be a whole number");
        }
    }

    Duration millis(ConfigVariable variable, long fallbackMillis, long min, long max) {
        return Duration.ofMillis(longValue(variable, fallbackMillis, min, max));
    }

    boolean bool(ConfigVariable variable, boolean fallback) {
        Setting setting = setting(variable);
        if (setting.value() == null) {
            return fallback;
        }
        return switch (setting.value().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new ConfigException(setting.name() + " must be true or false");
        };
    }

    Path path(ConfigVariable variable, Path fallback) {
        Setting setting = setting(variable);
        try {
            return setting.value() == null ? fallback : Path.of(setting.value());
        } catch (InvalidPathException invalid) {
            throw new ConfigException(setting.name() + " is not a valid path");
        }
    }

    /** A file that must exist as a regular file when the variable is set; null when it is not. */
    Path readableFile(ConfigVariable variable) {
        Path file = path(variable, null);
        if (file != null && !Files.isRegularFile(file)) {
            throw new ConfigException(setting(variable).name() + " does not name a readable file");
        }
        return file;
    }

    /** An http or https URL; null when unset. */
    URI httpUrl(ConfigVariable variable) {
        Setting setting = setting(variable);
        if (setting.value() == null) {
            return null;
        }
        try {
            URI uri = URI.create(setting.value());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
                throw new ConfigException(setting.name() + " must be an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException malformed) {
            throw new ConfigException(setting.name() + " is not a valid URL");
        }
    }

    List<String> list(ConfigVariable variable, String fallback) {
        String raw = string(variable, fallback);
        if (raw == null) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    /** Every variable of a family (such as {@code OTEL_}) as given, by name. */
    Map<String, String> family(String prefix) {
        Map<String, String> family = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name.startsWith(prefix) && value != null) {
                family.put(name, value);
            }
        });
        return family;
    }
}
