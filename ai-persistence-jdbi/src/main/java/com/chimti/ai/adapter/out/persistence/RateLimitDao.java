package com.chimti.ai.adapter.out.persistence;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The rate limit counters' SQL. A window never moves backwards: a caller whose clock lags behind another
 * instance's adds to the newer window instead of restarting an older one.
 */
@RegisterConstructorMapper(RateLimitDao.Counter.class)
interface RateLimitDao {

    /** A key's current window and what it has used. */
    record Counter(long used, long windowStart) {
    }

    /** Adds the cost unless that would go over the limit; empty when refused (nothing changed then). */
    @SqlQuery("INSERT INTO rate_limit_counter AS c (limit_key, window_start, used) VALUES (:key, :windowStart, :cost)"
            + " ON CONFLICT (limit_key) DO UPDATE SET"
            + " used = CASE WHEN c.window_start >= EXCLUDED.window_start THEN c.used + EXCLUDED.used"
            + " ELSE EXCLUDED.used END,"
            + " window_start = GREATEST(c.window_start, EXCLUDED.window_start), updated_at = now()"
            + " WHERE c.window_start < EXCLUDED.window_start OR c.used + EXCLUDED.used <= :limit"
            + " RETURNING used, window_start")
    Optional<Counter> tryAdd(@Bind("key") String key, @Bind("windowStart") long windowStart,
                             @Bind("cost") long cost, @Bind("limit") long limit);

    /** Adds the cost whatever the limit. */
    @SqlQuery("INSERT INTO rate_limit_counter AS c (limit_key, window_start, used) VALUES (:key, :windowStart, :cost)"
            + " ON CONFLICT (limit_key) DO UPDATE SET"
            + " used = CASE WHEN c.window_start >= EXCLUDED.window_start THEN c.used + EXCLUDED.used"
            + " ELSE EXCLUDED.used END,"
            + " window_start = GREATEST(c.window_start, EXCLUDED.window_start), updated_at = now()"
            + " RETURNING used, window_start")
    Counter add(@Bind("key") String key, @Bind("windowStart") long windowStart, @Bind("cost") long cost);

    @SqlQuery("SELECT used, window_start FROM rate_limit_counter WHERE limit_key = :key")
    Optional<Counter> find(@Bind("key") String key);
}
