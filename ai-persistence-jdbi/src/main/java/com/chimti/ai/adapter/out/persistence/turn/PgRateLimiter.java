package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.core.port.out.RateLimiter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rate limits as Bucket4j token buckets in PostgreSQL ({@code rate_limit_bucket}, V8), shared by every
 * instance on the same database. Each check is one short transaction on a pooled connection: Bucket4j's
 * select-for-update proxy locks the key's row, refills and takes tokens in this JVM and writes the state back,
 * so concurrent checks on any instance never overdraw a bucket. A bucket's capacity is the rule's limit,
 * refilled greedily over its window; forced charges ({@link #charge}) may take it below zero.
 *
 * <p>The stored key carries the rule ({@code scope:subject|limit;w=seconds}): changing a limit starts new, full
 * buckets instead of reinterpreting old state, and instances configured differently do not fight over one row.
 * Refill follows the given clock (the instances' clocks, kept in sync by NTP); a clock that lags behind the
 * bucket's last refill simply refills nothing until it catches up.
 *
 * <p>A row expires once its bucket would be full again (plus a margin) and is then deleted by an occasional sweep
 * ({@value #SWEEP_EVERY} checks on this instance): a missing bucket starts full, so deleting it changes nothing.
 */
public final class PgRateLimiter implements RateLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(PgRateLimiter.class);
    static final String TABLE = "rate_limit_bucket";
    static final int SWEEP_EVERY = 1_000;
    private static final int SWEEP_BATCH = 500;
    /** A check waits at most this long for the row lock and its statements, so an outage fails fast. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** Kept this long after it would be full again, so a sweep never races a bucket still being refilled. */
    private static final Duration KEEP_AFTER_FULL = Duration.ofMinutes(10);

    private final ProxyManager<String> buckets;
    private final Jdbi jdbi;
    private final AtomicLong checks = new AtomicLong();

    /**
     * @param dataSource the pool every check borrows a connection from
     * @param jdbi       the same database, for the expiry sweep
     * @param clock      refill time; the system clock outside tests
     */
    public PgRateLimiter(DataSource dataSource, Jdbi jdbi, Clock clock) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(clock, "clock");
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL))
                .requestTimeout(REQUEST_TIMEOUT)
                .clientClock(new ClockTimeMeter(clock))
                .build();
    }

    @Override
    public Decision tryAcquire(Key key, long cost, Rule rule) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be positive");
        }
        sweepNowAndThen();
        BucketProxy bucket = bucket(key, rule);
        if (cost > rule.limit()) { // can never pass; Bucket4j would answer with an endless wait
            return new Refused(rule.limit(), Math.max(0, bucket.getAvailableTokens()), rule.window());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(cost);
        if (probe.isConsumed()) {
            return new Allowed(rule.limit(), probe.getRemainingTokens(),
                    Duration.ofNanos(probe.getNanosToWaitForReset()));
        }
        return new Refused(rule.limit(), Math.max(0, probe.getRemainingTokens()),
                Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    @Override
    public void charge(Key key, long cost, Rule rule) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rule, "rule");
        if (cost <= 0) {
            return;
        }
        bucket(key, rule).consumeIgnoringRateLimits(cost); // may go below zero: the debt refills like any gap
    }

    private BucketProxy bucket(Key key, Rule rule) {
        // Bucket4j asks for the configuration only when the bucket's row is missing
        return buckets.getProxy(storedKey(key, rule), () -> configuration(rule));
    }

    private static BucketConfiguration configuration(Rule rule) {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(rule.limit()).refillGreedy(rule.limit(), rule.window()).build())
                .build();
    }

    /** {@code scope:subject|limit;w=seconds}; the rule part holds no '|', so the last one separates it. */
    static String storedKey(Key key, Rule rule) {
        return key.value() + "|" + rule.policy();
    }

    private void sweepNowAndThen() {
        if (checks.incrementAndGet() % SWEEP_EVERY == 0) {
            try {
                int removed = removeExpired();
                LOG.debug("Removed {} expired rate limit buckets", removed);
            } catch (RuntimeException failure) {
                LOG.warn("Could not remove expired rate limit buckets: {}", failure.getClass().getSimpleName());
            }
        }
    }

    /**
     * Deletes up to a batch of buckets past their expiry, skipping rows a check holds. Bucket4j stamps
     * {@code expires_at} from the system clock, so the sweep compares with the system clock too.
     */
    int removeExpired() {
        return jdbi.withHandle(handle -> handle.createUpdate("DELETE FROM " + TABLE + " WHERE id IN (SELECT id FROM "
                        + TABLE + " WHERE expires_at < :now ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)")
                .bind("now", System.currentTimeMillis())
                .bind("batch", SWEEP_BATCH)
                .execute());
    }

    /** Bucket4j's time source from a {@link Clock}, in wall-clock nanoseconds. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
