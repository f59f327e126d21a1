-- The rate limits' token buckets (requests per minute per user and per brand, tokens per day per user and per
-- brand), kept by Bucket4j's PostgreSQL integration (PostgreSQLSelectForUpdateBasedProxyManager, see
-- PgRateLimiter) so every server instance shares one bucket per key. One row per key and rule; a check locks the
-- row (SELECT ... FOR UPDATE), refills and takes tokens in the application, and writes the state back in the
-- same transaction, so concurrent checks on any instance cannot overdraw a bucket.
--
-- The columns are the ones Bucket4j reads and writes: id (the key, text), state (its serialized bucket), and
-- expires_at (epoch milliseconds after which the bucket would be full again and may be deleted: a deleted
-- bucket starts full, which is the same thing). PgRateLimiter sweeps expired rows now and then.
--
-- Replaces V5's rate_limit_counter (fixed windows), which is no longer read or written. It is left in place
-- rather than dropped: it holds nothing but counters of windows that have ended, and keeping it lets an older
-- build still run against this schema during a rolling upgrade. A later migration may drop it.

CREATE TABLE rate_limit_bucket (
    id         text COLLATE "C" PRIMARY KEY,      -- scope:subject|limit;w=seconds, e.g. user-rpm:2:c1/u1|60;w=60
    state      bytea,                             -- Bucket4j's serialized bucket; null only while being created
    expires_at bigint                             -- epoch ms; null only while being created
);

CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
