package com.chimti.ai.adapter.out.persistence.turn;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.RateLimiter;
import com.chimti.ai.core.service.turn.AdmissionSettings;
import com.chimti.ai.core.service.turn.TurnAdmission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the shared token buckets must do on every PostgreSQL (embedded and external), with two independent
 * {@link Database} stacks on the same database standing in for two server instances. Time is a clock the test
 * moves by hand (starting at the real now, so Bucket4j's expiry stamps stay meaningful): refill is asserted
 * exactly or within bounds, never by sleeping.
 */
abstract class RateLimiterContract extends DatabaseContract {
    private static RateLimiter.Key key(String scope) {
        return new RateLimiter.Key(scope, "test/" + UUID.randomUUID());
    }

    private RateLimiter first(Clock clock) {
        return new PgRateLimiter(instance().database().pool(), instance().jdbi(), clock);
    }

    private RateLimiter second(Clock clock) {
        return new PgRateLimiter(otherInstance().database().pool(), otherInstance().jdbi(), clock);
    }

    @Test
    void refusesAtTheConfiguredCountAndRefillsOneRequestPerLimitthOfTheWindow() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = first(clock);
        RateLimiter.Key key = key("user-rpm");
        RateLimiter.Rule rule = RateLimiter.Rule.perMinute(5); // one request back every 12 s
        for (int i = 0; i < 5; i++) {
            RateLimiter.Decision decision = limiter.tryAcquire(key, 1, rule);
            assertThat(decision).isInstanceOf(RateLimiter.Allowed.class);
            assertThat(decision.remaining()).isEqualTo(4 - i);
            assertThat(decision.reset()).isEqualTo(Duration.ofSeconds(12L * (i + 1))); // until full again
        }
        assertThat(limiter.tryAcquire(key, 1, rule)).isEqualTo(new RateLimiter.Refused(5, 0, Duration.ofSeconds(12)));

        clock.advance(Duration.ofSeconds(5));
        RateLimiter.Decision stillEmpty = limiter.tryAcquire(key, 1, rule);
        assertThat(stillEmpty).isInstanceOf(RateLimiter.Refused.class);
        assertThat(stillEmpty.reset()).isEqualTo(Duration.ofSeconds(7));

        clock.advance(Duration.ofSeconds(7)); // 12 s: exactly one request has refilled, not two
        assertThat(limiter.tryAcquire(key, 1, rule)).isInstanceOf(RateLimiter.Allowed.class);
        assertThat(limiter.tryAcquire(key, 1, rule)).isInstanceOf(RateLimiter.Refused.class);

        clock.advance(Duration.ofMinutes(10)); // refilled, but never beyond the limit
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire(key, 1, rule)).isInstanceOf(RateLimiter.Allowed.class);
        }
        assertThat(limiter.tryAcquire(key, 1, rule)).isInstanceOf(RateLimiter.Refused.class);
    }

    @Test
    void refillOverAShortWindowStaysWithinItsBounds() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = first(clock);
        RateLimiter.Key key = key("user-tpd");
        RateLimiter.Rule rule = new RateLimiter.Rule(1_000, Duration.ofSeconds(3)); // 1 token every 3 ms
        assertThat(limiter.tryAcquire(key, 1_000, rule).remaining()).isZero();
        clock.advance(Duration.ofMillis(1_500)); // half the window: half the capacity back
        RateLimiter.Decision half = limiter.tryAcquire(key, 1, rule);
        assertThat(half).isInstanceOf(RateLimiter.Allowed.class);
        assertThat(half.remaining()).isBetween(497L, 499L);
        RateLimiter.Decision tooMuch = limiter.tryAcquire(key, 600, rule);
        assertThat(tooMuch).isInstanceOf(RateLimiter.Refused.class);
        // about 101 tokens missing at 3 ms each
        assertThat(tooMuch.reset()).isBetween(Duration.ofMillis(297), Duration.ofMillis(312));
        clock.advance(tooMuch.reset());
        assertThat(limiter.tryAcquire(key, 600, rule)).isInstanceOf(RateLimiter.Allowed.class);
    }

    @Test
    void theLimitIsSharedAcrossTwoInstancesAndThe429ArrivesAtTheConfiguredCountWithRetryAfter() {
        ManualClock clock = new ManualClock();
        AdmissionSettings settings = new AdmissionSettings(6, 0, 0, 0, 1, 8, Duration.ZERO, Duration.ofSeconds(5));
        TurnAdmission instanceA = new TurnAdmission(first(clock), settings);
        TurnAdmission instanceB = new TurnAdmission(second(clock), settings);
        Caller caller = aCaller().client("c-" + UUID.randomUUID()).user("alice").build();
        for (int i = 0; i < 6; i++) {
            (i % 2 == 0 ? instanceA : instanceB).admit(caller, new BrandId("b1"), 10).close();
        }
        for (TurnAdmission instance : List.of(instanceA, instanceB)) {
            RateLimitedException refused = catchThrowableOfType(RateLimitedException.class,
                    () -> instance.admit(caller, new BrandId("b1"), 10));
            assertThat(refused).isNotNull();
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10)); // 6 per minute: one every 10 s
            assertThat(refused.limit()).hasValue(6);
            assertThat(refused.remaining()).hasValue(0);
        }
        // someone else is not affected
        instanceB.admit(aCaller().client("c-" + UUID.randomUUID()).user("alice").build(), null, 10).close();
        // the request that refilled on one instance's clock is taken once, on either instance
        clock.advance(Duration.ofSeconds(10));
        instanceB.admit(caller, new BrandId("b1"), 10).close();
        assertThat(catchThrowableOfType(RateLimitedException.class,
                () -> instanceA.admit(caller, new BrandId("b1"), 10))).isNotNull();
    }

    @Test
    void concurrentAttemptsOnBothInstancesAllowExactlyLimitOverCost() throws Exception {
        int attempts = 200;
        int threads = 20;
        int limit = 100;
        int cost = 2;
        RateLimiter.Key key = key("user-rpm");
        RateLimiter.Rule rule = new RateLimiter.Rule(limit, Duration.ofDays(1)); // no whole token refills meanwhile
        ManualClock clock = new ManualClock();
        RateLimiter a = first(clock);
        RateLimiter b = second(clock);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<RateLimiter.Decision>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                RateLimiter limiter = i % 2 == 0 ? a : b;
                Callable<RateLimiter.Decision> attempt = () -> {
                    start.await();
                    return limiter.tryAcquire(key, cost, rule);
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            int allowed = 0;
            int refused = 0;
            for (Future<RateLimiter.Decision> result : results) {
                if (result.get(120, TimeUnit.SECONDS) instanceof RateLimiter.Allowed) {
                    allowed++;
                } else {
                    refused++;
                }
            }
            assertThat(allowed).isEqualTo(limit / cost);
            assertThat(refused).isEqualTo(attempts - limit / cost);
            assertThat(a.tryAcquire(key, 1, rule)).isInstanceOf(RateLimiter.Refused.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void costsCountInTokensAndARefusalTakesNothing() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = first(clock);
        RateLimiter.Key key = key("user-tpd");
        RateLimiter.Rule rule = RateLimiter.Rule.perDay(100); // one token every 864 s
        assertThat(limiter.tryAcquire(key, 70, rule).remaining()).isEqualTo(30);
        RateLimiter.Decision refused = limiter.tryAcquire(key, 40, rule);
        assertThat(refused).isEqualTo(new RateLimiter.Refused(100, 30, Duration.ofSeconds(10 * 864)));
        assertThat(limiter.tryAcquire(key, 30, rule).remaining()).isZero();
        // more than the whole limit can never pass, and is refused without taking anything
        RateLimiter.Key fresh = key("user-tpd");
        assertThat(limiter.tryAcquire(fresh, 101, rule)).isEqualTo(new RateLimiter.Refused(100, 100,
                Duration.ofDays(1)));
        assertThat(limiter.tryAcquire(fresh, 100, rule)).isInstanceOf(RateLimiter.Allowed.class);
        assertThatThrownBy(() -> limiter.tryAcquire(fresh, 0, rule)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chargeDrivesTheBucketBelowZeroAndTheNextAcquireWaitsForTheDebtToRefill() {
        ManualClock clock = new ManualClock();
        RateLimiter limiter = first(clock);
        RateLimiter.Key key = key("user-tpd");
        RateLimiter.Rule rule = RateLimiter.Rule.perDay(100);
        limiter.tryAcquire(key, 60, rule);
        limiter.charge(key, 50, rule); // -10 now
        RateLimiter.Decision refused = second(clock).tryAcquire(key, 1, rule);
        assertThat(refused).isEqualTo(new RateLimiter.Refused(100, 0, Duration.ofSeconds(11 * 864)));
        assertThat(refused.reset()).isPositive();

        clock.advance(Duration.ofSeconds(10 * 864)); // back to zero: still nothing to take
        assertThat(limiter.tryAcquire(key, 1, rule)).isEqualTo(new RateLimiter.Refused(100, 0,
                Duration.ofSeconds(864)));
        clock.advance(Duration.ofDays(2));
        assertThat(limiter.tryAcquire(key, 1, rule).remaining()).isEqualTo(99);
        limiter.charge(key, 0, rule); // nothing to charge: no change
        assertThat(limiter.tryAcquire(key, 99, rule)).isInstanceOf(RateLimiter.Allowed.class);
    }

    @Test
    void anotherRuleForTheSameKeyIsAnotherBucketAndALaggingClockRefillsNothing() {
        ManualClock clock = new ManualClock();
        RateLimiter.Key key = key("user-rpm");
        RateLimiter ahead = first(clock);
        ahead.tryAcquire(key, 3, RateLimiter.Rule.perMinute(3));
        // the limit was reconfigured to 4: a fresh, full bucket
        assertThat(ahead.tryAcquire(key, 4, RateLimiter.Rule.perMinute(4))).isInstanceOf(RateLimiter.Allowed.class);

        RateLimiter behind = second(Clock.offset(clock, Duration.ofSeconds(-30)));
        clock.advance(Duration.ofSeconds(10)); // ahead's clock refilled nothing whole yet for 3/min (20 s a token)
        RateLimiter.Decision refused = behind.tryAcquire(key, 1, RateLimiter.Rule.perMinute(3));
        assertThat(refused).isInstanceOf(RateLimiter.Refused.class);
        assertThat(refused.reset()).isPositive();
    }

    @Test
    void aBucketExpiresOnceItWouldBeFullAgainAndTheSweepRemovesOnlyExpiredOnes() {
        ManualClock clock = new ManualClock();
        PgRateLimiter limiter = new PgRateLimiter(instance().database().pool(), instance().jdbi(), clock);
        RateLimiter.Rule rule = RateLimiter.Rule.perMinute(3);
        RateLimiter.Key expiring = key("user-rpm");
        RateLimiter.Key live = key("user-rpm");
        limiter.tryAcquire(expiring, 3, rule);
        limiter.tryAcquire(live, 3, rule);
        String expiringId = PgRateLimiter.storedKey(expiring, rule);
        long expiresAt = instance().jdbi().withHandle(h -> h.createQuery(
                "SELECT expires_at FROM rate_limit_bucket WHERE id = :id").bind("id", expiringId).mapTo(Long.class).one());
        assertThat(expiresAt).isGreaterThan(System.currentTimeMillis()); // full in 60 s, plus a margin
        instance().jdbi().useHandle(h -> h.createUpdate("UPDATE rate_limit_bucket SET expires_at = 0 WHERE id = :id")
                .bind("id", expiringId).execute());

        assertThat(limiter.removeExpired()).isGreaterThanOrEqualTo(1);

        assertThat(limiter.tryAcquire(expiring, 3, rule)).isInstanceOf(RateLimiter.Allowed.class); // starts full
        assertThat(limiter.tryAcquire(live, 1, rule)).isInstanceOf(RateLimiter.Refused.class);   // kept its state
    }

    /** A clock tests move by hand; starts at the real now. */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
