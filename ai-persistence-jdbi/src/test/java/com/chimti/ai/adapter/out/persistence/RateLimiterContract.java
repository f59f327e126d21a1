package com.chimti.ai.adapter.out.persistence;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.chimti.ai.core.domain.BrandId;
import com.chimti.ai.core.domain.Caller;
import com.chimti.ai.core.domain.RateLimitedException;
import com.chimti.ai.core.port.out.RateLimiter;
import com.chimti.ai.core.service.AdmissionSettings;
import com.chimti.ai.core.service.TurnAdmission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * What the shared rate limit counters must do on every PostgreSQL (embedded and external), with two independent
 * {@link Database} stacks on the same database standing in for two server instances.
 */
abstract class RateLimiterContract {
    /** 15 s into a minute, so a minute window has 45 s left and a day window 13 h 59 min 45 s. */
    static final Instant T0 = Instant.parse("2026-11-23T10:00:15Z");
    private static final Clock AT_T0 = Clock.fixed(T0, ZoneOffset.UTC);

    /** The first instance's database. */
    protected abstract Database database();

    /** Another pool and JDBI on the same PostgreSQL database: the second instance. */
    protected abstract Database otherInstance();

    private static RateLimiter.Key key(String scope) {
        return new RateLimiter.Key(scope, "test/" + UUID.randomUUID());
    }

    private RateLimiter first(Clock clock) {
        return new JdbiRateLimiter(database().jdbi(), clock);
    }

    private RateLimiter second(Clock clock) {
        return new JdbiRateLimiter(otherInstance().jdbi(), clock);
    }

    @Test
    void refusesAtTheConfiguredCountUntilTheWindowEnds() {
        RateLimiter limiter = first(AT_T0);
        RateLimiter.Key key = key("user-rpm");
        RateLimiter.Rule rule = RateLimiter.Rule.perMinute(5);
        for (int i = 0; i < 5; i++) {
            RateLimiter.Decision decision = limiter.tryAcquire(key, 1, rule);
            assertThat(decision).isInstanceOf(RateLimiter.Allowed.class);
            assertThat(decision.remaining()).isEqualTo(4 - i);
            assertThat(decision.reset()).isEqualTo(Duration.ofSeconds(45));
        }
        RateLimiter.Decision refused = limiter.tryAcquire(key, 1, rule);
        assertThat(refused).isEqualTo(new RateLimiter.Refused(5, 0, Duration.ofSeconds(45)));

        RateLimiter later = first(Clock.fixed(T0.plusSeconds(45), ZoneOffset.UTC));
        assertThat(later.tryAcquire(key, 1, rule)).isEqualTo(new RateLimiter.Allowed(5, 4, Duration.ofSeconds(60)));
    }

    @Test
    void theLimitIsSharedAcrossTwoInstancesAndThe429ArrivesAtTheConfiguredCountWithRetryAfter() {
        AdmissionSettings settings = new AdmissionSettings(6, 0, 0, 0, 1, 8, Duration.ZERO, Duration.ofSeconds(5));
        TurnAdmission instanceA = new TurnAdmission(first(AT_T0), settings);
        TurnAdmission instanceB = new TurnAdmission(second(AT_T0), settings);
        Caller caller = aCaller().client("c-" + UUID.randomUUID()).user("alice").build();
        for (int i = 0; i < 6; i++) {
            (i % 2 == 0 ? instanceA : instanceB).admit(caller, new BrandId("b1"), 10).close();
        }
        for (TurnAdmission instance : List.of(instanceA, instanceB)) {
            RateLimitedException refused = catchThrowableOfType(RateLimitedException.class,
                    () -> instance.admit(caller, new BrandId("b1"), 10));
            assertThat(refused).isNotNull();
            assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(45));
            assertThat(refused.limit()).hasValue(6);
            assertThat(refused.remaining()).hasValue(0);
        }
        // someone else is not affected
        instanceB.admit(aCaller().client("c-" + UUID.randomUUID()).user("alice").build(), null, 10).close();
    }

    @Test
    void concurrentAttemptsOnBothInstancesAllowExactlyTheLimit() throws Exception {
        int attempts = 200;
        int threads = 20;
        int limit = 50;
        RateLimiter.Key key = key("user-rpm");
        RateLimiter.Rule rule = new RateLimiter.Rule(limit, Duration.ofHours(1));
        RateLimiter a = first(AT_T0);
        RateLimiter b = second(AT_T0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<RateLimiter.Decision>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                RateLimiter limiter = i % 2 == 0 ? a : b;
                Callable<RateLimiter.Decision> attempt = () -> {
                    start.await();
                    return limiter.tryAcquire(key, 1, rule);
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
            assertThat(allowed).isEqualTo(limit);
            assertThat(refused).isEqualTo(attempts - limit);
            assertThat(a.tryAcquire(key, 1, rule)).isInstanceOf(RateLimiter.Refused.class);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void costsCountInUnitsAndARefusalAddsNothing() {
        RateLimiter limiter = first(AT_T0);
        RateLimiter.Key key = key("user-tpd");
        RateLimiter.Rule rule = RateLimiter.Rule.perDay(100);
        assertThat(limiter.tryAcquire(key, 70, rule).remaining()).isEqualTo(30);
        RateLimiter.Decision refused = limiter.tryAcquire(key, 40, rule);
        assertThat(refused).isInstanceOf(RateLimiter.Refused.class);
        assertThat(refused.remaining()).isEqualTo(30);
        assertThat(refused.reset()).isEqualTo(Duration.ofHours(14).minusSeconds(15));
        assertThat(limiter.tryAcquire(key, 30, rule).remaining()).isZero();
        // more than the whole limit is refused without being stored
        RateLimiter.Key fresh = key("user-tpd");
        assertThat(limiter.tryAcquire(fresh, 101, rule)).isEqualTo(new RateLimiter.Refused(100, 100,
                Duration.ofHours(14).minusSeconds(15)));
        assertThat(limiter.tryAcquire(fresh, 100, rule)).isInstanceOf(RateLimiter.Allowed.class);
    }

    @Test
    void chargeMayGoOverTheLimitAndThenRefusesUntilTheNextWindow() {
        RateLimiter limiter = first(AT_T0);
        RateLimiter.Key key = key("user-tpd");
        RateLimiter.Rule rule = RateLimiter.Rule.perDay(100);
        limiter.tryAcquire(key, 60, rule);
        limiter.charge(key, 50, rule);
        assertThat(second(AT_T0).tryAcquire(key, 1, rule)).isEqualTo(new RateLimiter.Refused(100, 0,
                Duration.ofHours(14).minusSeconds(15)));
        RateLimiter tomorrow = first(Clock.fixed(T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        assertThat(tomorrow.tryAcquire(key, 1, rule).remaining()).isEqualTo(99);
    }

    @Test
    void anInstanceWhoseClockLagsAddsToTheNewerWindowInsteadOfRestartingAnOldOne() {
        RateLimiter.Key key = key("user-rpm");
        RateLimiter.Rule rule = RateLimiter.Rule.perMinute(3);
        RateLimiter ahead = first(Clock.fixed(T0.plusSeconds(46), ZoneOffset.UTC)); // already in 10:01
        RateLimiter behind = second(AT_T0);                                        // still in 10:00
        ahead.tryAcquire(key, 1, rule);
        ahead.tryAcquire(key, 1, rule);
        assertThat(behind.tryAcquire(key, 1, rule)).isInstanceOf(RateLimiter.Allowed.class);
        RateLimiter.Decision refused = behind.tryAcquire(key, 1, rule);
        assertThat(refused).isInstanceOf(RateLimiter.Refused.class);
        assertThat(refused.reset()).isEqualTo(Duration.ofSeconds(105)); // until 10:02 as the newer window says
    }
}
