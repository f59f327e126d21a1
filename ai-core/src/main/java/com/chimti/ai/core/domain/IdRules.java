package com.chimti.ai.core.domain;

/** Shared checks for opaque string identifiers coming from tokens, paths and the database. */
public final class IdRules {
    public static final int MAX_LENGTH = 128;

    private IdRules() {
    }

    public static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(name + " must not be blank");
        }
        if (value.length() > MAX_LENGTH) {
            throw new ValidationException(name + " must be at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new ValidationException(name + " must not contain control characters");
            }
        }
        return value;
    }
}
