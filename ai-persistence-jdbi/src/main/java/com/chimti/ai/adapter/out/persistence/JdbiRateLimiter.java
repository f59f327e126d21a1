package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.core.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The rate limits' counters in PostgreSQL, shared by every instance on the same database: epoch-aligned fixed
 * windows, one atomic upsert per check (see V5__create_rate_limit_tables.sql). Chosen over Bucket4j's PostgreSQL
 * integration (which resolves, as com.bucket4j:bucket4j_jdk17-postgresql:8.14.0) to keep one round trip per
 * check, no lock table or serialized bucket state, no new dependency, and a schema Flyway owns. A fixed window
 * lets a burst of up to twice the limit straddle a window boundary; for requests per minute and tokens per day
 * that is acceptable.
 *
 * <p>Windows follow the given clock (the instances' clocks, kept in sync by NTP); a skew between instances only
 * moves the boundary by that skew, since a window never moves backwards.
 */
public final class JdbiRateLimiter implements RateLimiter {
    private final RateLimitDao dao;
    private final Clock clock;

    public JdbiRateLimiter(Jdbi jdbi, Clock clock) {
        this.dao = Objects.requireNonNull(jdbi, "jdbi").onDemand(RateLimitDao.class);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The limiter on a database's pool, with the system clock. */
    public static JdbiRateLimiter on(Database database) {
        return new JdbiRateLimiter(database.jdbi(), Clock.systemUTC());
    }

    @Override
    public Decision tryAcquire(Key key, long cost, Rule rule) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (cost < 0) {
            throw new IllegalArgumentException("cost must not be negative");
        }
        long nowMs = clock.millis();
        long windowSeconds = rule.window().toSeconds();
        long start = RateLimiter.windowStart(Math.floorDiv(nowMs, 1000), windowSeconds);
        if (cost <= rule.limit()) {
            var added = dao.tryAdd(key.value(), start, cost, rule.limit());
            if (added.isPresent()) {
                RateLimitDao.Counter counter = added.get();
                return new Allowed(rule.limit(), Math.max(0, rule.limit() - counter.used()),
                        reset(counter.windowStart(), windowSeconds, nowMs));
            }
        }
        long used = 0;
        long windowStart = start;
        var current = dao.find(key.value());
        if (current.isPresent() && current.get().windowStart() >= start) {
            used = current.get().used();
            windowStart = current.get().windowStart();
        }
        return new Refused(rule.limit(), Math.max(0, rule.limit() - used), reset(windowStart, windowSeconds, nowMs));
    }

    @Override
    public void charge(Key key, long cost, Rule rule) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (cost <= 0) {
            return;
        }
        long windowSeconds = rule.window().toSeconds();
        dao.add(key.value(), RateLimiter.windowStart(Math.floorDiv(clock.millis(), 1000), windowSeconds), cost);
    }

    /** Until the window ends; at least one second, since Retry-After counts whole seconds. */
    private static Duration reset(long windowStart, long windowSeconds, long nowMs) {
        long endMs = (windowStart + windowSeconds) * 1000;
        return Duration.ofMillis(Math.max(1000, endMs - nowMs));
    }
}
