package com.chimti.ai.core.domain.action;

import java.util.Objects;
import java.util.Set;

/**
 * One input field an action handler declares. {@code allowedValues}, when not empty, restricts a TEXT field to
 * those values (e.g. a channel).
 */
public record ActionField(String name, FieldType type, boolean required, int maxLength, Set<String> allowedValues) {
    public static final int DEFAULT_MAX_LENGTH = 200;

    public ActionField {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a field needs a name");
        }
        Objects.requireNonNull(type, "type");
        if (maxLength <= 0) {
            throw new IllegalArgumentException("maxLength must be positive");
        }
        allowedValues = allowedValues == null ? Set.of() : Set.copyOf(allowedValues);
    }

    public static ActionField requiredText(String name, int maxLength) {
        return new ActionField(name, FieldType.TEXT, true, maxLength, Set.of());
    }

    public static ActionField optionalText(String name, int maxLength) {
        return new ActionField(name, FieldType.TEXT, false, maxLength, Set.of());
    }

    public static ActionField oneOf(String name, Set<String> values) {
        return new ActionField(name, FieldType.TEXT, true, DEFAULT_MAX_LENGTH, values);
    }

    public static ActionField brand(boolean required) {
        return new ActionField("brandId", FieldType.BRAND, required, DEFAULT_MAX_LENGTH, Set.of());
    }

    public static ActionField location(boolean required) {
        return new ActionField("locationId", FieldType.LOCATION, required, DEFAULT_MAX_LENGTH, Set.of());
    }
}
