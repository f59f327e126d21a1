package com.chimti.ai.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.port.out.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The fake keeps the port's token-bucket contract, with the same figures as the PostgreSQL contract test. */
class InMemoryRateLimiterTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:15Z");
    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(Clock.fixed(T0, ZoneOffset.UTC));
    private final RateLimiter.Key key = new RateLimiter.Key("user-rpm", "c/alice");

    private void at(Duration sinceT0) {
        limiter.useClock(Clock.fixed(T0.plus(sinceT0), ZoneOffset.UTC));
    }

    @Test
    void aFullBucketOfTheLimitRefillsOneTokenPerLimitthOfTheWindow() {
        RateLimiter.Rule rule = RateLimiter.Rule.perMinute(5);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(key, 1, rule))
                    .isEqualTo(new RateLimiter.Allowed(5, 4 - i, Duration.ofSeconds(12L * (i + 1))));
        }
        assertThat(limiter.tryAcquire(key, 1, rule)).isEqualTo(new RateLimiter.Refused(5, 0, Duration.ofSeconds(12)));
        at(Duration.ofSeconds(5));
        assertThat(limiter.tryAcquire(key, 1, rule).reset()).isEqualTo(Duration.ofSeconds(7));
        at(Duration.ofSeconds(12));
        assertThat(limiter.tryAcquire(key, 1, rule)).isInstanceOf(RateLimiter.Allowed.class);
        assertThat(limiter.tryAcquire(key, 1, rule)).isInstanceOf(RateLimiter.Refused.class);
        at(Duration.ofHours(1));
        assertThat(limiter.tryAcquire(key, 5, rule).remaining()).as("never beyond the limit").isZero();
    }

    @Test
    void chargeGoesBelowZeroAndACostAboveTheLimitNeverPasses() {
        RateLimiter.Rule rule = RateLimiter.Rule.perDay(100);
        limiter.tryAcquire(key, 60, rule);
        limiter.charge(key, 50, rule);
        assertThat(limiter.tryAcquire(key, 1, rule))
                .isEqualTo(new RateLimiter.Refused(100, 0, Duration.ofSeconds(11 * 864)));
        RateLimiter.Key fresh = new RateLimiter.Key("user-tpd", "c/bob");
        assertThat(limiter.tryAcquire(fresh, 101, rule)).isEqualTo(new RateLimiter.Refused(100, 100, Duration.ofDays(1)));
        assertThatThrownBy(() -> limiter.tryAcquire(fresh, 0, rule)).isInstanceOf(IllegalArgumentException.class);
        // another rule for the same key is another (full) bucket
        assertThat(limiter.tryAcquire(key, 4, RateLimiter.Rule.perMinute(4))).isInstanceOf(RateLimiter.Allowed.class);
    }
}
