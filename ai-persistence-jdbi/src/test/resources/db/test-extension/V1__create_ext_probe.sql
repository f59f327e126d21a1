-- a host extension's first migration: version 1, like the core's own V1, in a history of its own
CREATE TABLE ext_probe (
    id   TEXT PRIMARY KEY,
    note TEXT NOT NULL
);
