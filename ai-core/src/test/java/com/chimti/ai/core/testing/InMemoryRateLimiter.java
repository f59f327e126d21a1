package com.chimti.ai.core.testing;

import com.chimti.ai.core.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The {@link RateLimiter} contract in memory: epoch-aligned fixed windows, on a clock tests may move. */
public final class InMemoryRateLimiter implements RateLimiter {
    private final Map<String, long[]> windows = new HashMap<>(); // key -> {windowStart, used}
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

    public synchronized long used(Key key, Rule rule) {
        long[] window = windows.get(key.value());
        long start = RateLimiter.windowStart(clock.instant().getEpochSecond(), rule.window().toSeconds());
        return window == null || window[0] != start ? 0 : window[1];
    }

    @Override
    public synchronized Decision tryAcquire(Key key, long cost, Rule rule) {
        calls++;
        long[] window = current(key, rule);
        Duration reset = reset(window[0], rule);
        if (window[1] + cost > rule.limit()) {
            return new Refused(rule.limit(), Math.max(0, rule.limit() - window[1]), reset);
        }
        window[1] += cost;
        return new Allowed(rule.limit(), rule.limit() - window[1], reset);
    }

    @Override
    public synchronized void charge(Key key, long cost, Rule rule) {
        calls++;
        current(key, rule)[1] += cost;
    }

    private long[] current(Key key, Rule rule) {
        long start = RateLimiter.windowStart(clock.instant().getEpochSecond(), rule.window().toSeconds());
        long[] window = windows.get(key.value());
        if (window == null || window[0] < start) {
            window = new long[] {start, 0};
            windows.put(key.value(), window);
        }
        return window;
    }

    private Duration reset(long windowStart, Rule rule) {
        long endMs = (windowStart + rule.window().toSeconds()) * 1000;
        return Duration.ofMillis(Math.max(0, endMs - clock.millis()));
    }
}
