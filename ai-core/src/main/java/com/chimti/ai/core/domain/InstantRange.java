package com.chimti.ai.core.domain;

import java.time.Instant;

/**
 * The instants a request may name (years 1 to 9999): {@link Instant} reaches a billion years, PostgreSQL's
 * timestamps do not, so a larger one is a 400 here instead of an out-of-range error from the database.
 */
public final class InstantRange {
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");

    private InstantRange() {
    }

    /** {@code value} when it lies in the range (or is null), else a {@link ValidationException} naming {@code name}. */
    public static Instant require(Instant value, String name) {
        if (value != null && (value.isBefore(MIN) || value.isAfter(MAX))) {
            throw new ValidationException(name + " must lie between the years 1 and 9999");
        }
        return value;
    }
}
