package com.chimti.ai.core.domain.redaction;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link SecretRedactor#redact(String)}: the text with every detected secret replaced by its
 * {@link SecretKind#marker() marker}, and how many secrets of each kind were replaced.
 *
 * <p>{@code countsByKind} is keyed by {@link SecretKind#id()} and holds only kinds that were found, in detection
 * order; it is empty when nothing was redacted. It is an unmodifiable copy.
 */
public record Redaction(String text, Map<String, Integer> countsByKind) {

    public Redaction {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(countsByKind, "countsByKind");
        Map<String, Integer> copy = new LinkedHashMap<>();
        countsByKind.forEach((kind, count) -> {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(count, "count");
            if (count < 0) {
                throw new IllegalArgumentException("count cannot be negative: " + kind + "=" + count);
            }
            copy.put(kind, count);
        });
        countsByKind = Collections.unmodifiableMap(copy);
    }

    /** A result in which nothing was redacted. */
    public static Redaction unchanged(String text) {
        return new Redaction(text, Map.of());
    }

    /** How many secrets were replaced in total. */
    public int total() {
        int total = 0;
        for (int count : countsByKind.values()) {
            total += count;
        }
        return total;
    }

    /** How many secrets of this kind ({@link SecretKind#id()}) were replaced; 0 when none. */
    public int count(String kind) {
        return countsByKind.getOrDefault(kind, 0);
    }

    /** How many secrets of this kind were replaced; 0 when none. */
    public int count(SecretKind kind) {
        return count(kind.id());
    }

    /** Whether anything was replaced. */
    public boolean redacted() {
        return total() > 0;
    }
}
