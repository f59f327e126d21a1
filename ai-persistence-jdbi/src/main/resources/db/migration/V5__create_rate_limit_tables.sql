-- Shared counters of the rate limits (requests per minute per user and per brand, tokens per day per user), so
-- every server instance enforces one limit. Fixed windows aligned to the epoch: one row per key, reused window
-- after window (a check in a newer window restarts "used" from the check's cost), so the table holds at most a
-- few rows per user and brand and needs no sweep. Every check is one atomic INSERT ... ON CONFLICT DO UPDATE
-- ... WHERE used + cost <= limit RETURNING, which row-locks the key: concurrent checks cannot overshoot.

CREATE TABLE rate_limit_counter (
    limit_key    text COLLATE "C" PRIMARY KEY,     -- scope:subject, e.g. user-rpm:2:c1/u1
    window_start bigint           NOT NULL,        -- epoch second the current window started at
    used         bigint           NOT NULL CHECK (used >= 0),
    updated_at   timestamptz      NOT NULL DEFAULT now()
);
