-- The orders extension's own tables, in its own Flyway history (flyway_history_ext_orders): version 1 here is
-- not the core's version 1. The host owns these rows; the AI core never reads them except through the extension.
CREATE TABLE host_orders (
    id          TEXT PRIMARY KEY,
    client_id   TEXT NOT NULL,
    brand_id    TEXT NOT NULL,
    location_id TEXT NOT NULL,
    summary     TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'open',
    due_at      TIMESTAMPTZ NOT NULL
);

-- the context source reads one client's open orders at some locations for one day
CREATE INDEX host_orders_open_by_location ON host_orders (client_id, location_id, due_at) WHERE status = 'open';

-- one flag per confirmed flag_order action: action_id UNIQUE makes a second run write nothing
CREATE TABLE host_order_flags (
    id          TEXT PRIMARY KEY,
    action_id   TEXT NOT NULL UNIQUE,
    client_id   TEXT NOT NULL,
    location_id TEXT NOT NULL,
    order_id    TEXT NOT NULL REFERENCES host_orders (id),
    reason      TEXT,
    flagged_by  TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
