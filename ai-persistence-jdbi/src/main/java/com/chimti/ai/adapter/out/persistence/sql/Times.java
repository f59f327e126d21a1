package com.chimti.ai.adapter.out.persistence.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

/**
 * TIMESTAMPTZ keeps microseconds while Java instants carry nanoseconds. Truncating before every write (and
 * every cursor bound) makes what is read back, and the keyset cursors built from it, round-trip exactly.
 */
public final class Times {
    private Times() {
    }

    public static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A TIMESTAMPTZ column as an instant (null stays null). */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
