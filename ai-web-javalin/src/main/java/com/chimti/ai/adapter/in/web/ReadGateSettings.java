package com.chimti.ai.adapter.in.web;

import java.time.Duration;
import java.util.Objects;

/**
 * How many cheap reads run at once, and how long one waits for its turn before it gets 503 {@code server_busy}.
 * The default, twice the cores, keeps the CPU busy while some reads wait on the database.
 */
public record ReadGateSettings(int concurrentReads, Duration maxWait) {
    public ReadGateSettings {
        if (concurrentReads < 1) {
            throw new IllegalArgumentException("concurrentReads must be at least 1");
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
    }

    public static int defaultConcurrentReads() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    public static ReadGateSettings defaults() {
        return new ReadGateSettings(defaultConcurrentReads(), Duration.ofSeconds(5));
    }
}
