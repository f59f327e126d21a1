package com.chimti.ai.adapter.out.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * TIMESTAMPTZ keeps microseconds while Java instants carry nanoseconds. Truncating before every write (and
 * every cursor bound) makes what is read back, and the keyset cursors built from it, round-trip exactly.
 */
final class Times {
    private Times() {
    }

    static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
