package com.chimti.ai.core.testing;

import com.chimti.ai.core.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link RateLimiter} contract in memory: token buckets refilled greedily, on a clock tests may move. Exact
 * arithmetic on a millisecond grid: a bucket's level is kept in token-milliseconds ({@code tokens * windowMs}),
 * so one elapsed millisecond adds {@code limit} to it.
 */
public final class InMemoryRateLimiter implements RateLimiter {
    private final Map<String, long[]> buckets = new HashMap<>(); // key -> {level in token-ms, lastRefillMs}
    private Clock clock;
    private int calls;

    public InMemoryRateLimiter(Clock clock) {
        this.clock = clock;
    }

    public synchronized void useClock(Clock newClock) {
        this.clock = newClock;
    }

    /** How many times the limiter was asked (tryAcquire and charge). */
    public synchronized int calls() {
        return calls;
    }

    @Override
    public synchronized Decision tryAcquire(Key key, long cost, Rule rule) {
        calls++;
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be positive");
        }
        long windowMs = rule.window().toMillis();
        long[] bucket = refilled(key, rule);
        if (cost > rule.limit()) {
            return new Refused(rule.limit(), remaining(bucket[0], windowMs), rule.window());
        }
        long needed = Math.multiplyExact(cost, windowMs);
        if (bucket[0] < needed) {
            return new Refused(rule.limit(), remaining(bucket[0], windowMs), millisUntil(needed, bucket[0], rule));
        }
        bucket[0] -= needed;
        return new Allowed(rule.limit(), remaining(bucket[0], windowMs),
                millisUntil(rule.limit() * windowMs, bucket[0], rule));
    }

    @Override
    public synchronized void charge(Key key, long cost, Rule rule) {
        calls++;
        if (cost > 0) {
            refilled(key, rule)[0] -= Math.multiplyExact(cost, rule.window().toMillis());
        }
    }

    /** The key's bucket (a new one starts full) with what it gained since its last refill. */
    private long[] refilled(Key key, Rule rule) {
        long now = clock.millis();
        long full = Math.multiplyExact(rule.limit(), rule.window().toMillis());
        long[] bucket = buckets.computeIfAbsent(key.value() + "|" + rule.policy(), k -> new long[] {full, now});
        if (now > bucket[1]) {
            bucket[0] = Math.min(full, bucket[0] + Math.multiplyExact(now - bucket[1], rule.limit()));
            bucket[1] = now;
        }
        return bucket;
    }

    private static long remaining(long level, long windowMs) {
        return Math.max(0, level) / windowMs;
    }

    private static Duration millisUntil(long target, long level, Rule rule) {
        long missing = Math.max(0, target - level);
        return Duration.ofMillis((missing + rule.limit() - 1) / rule.limit());
    }
}
