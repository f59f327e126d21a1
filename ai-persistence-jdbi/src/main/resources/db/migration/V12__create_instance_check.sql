-- What every instance on this database must share, recorded by the first one to start: the marker id written
-- into its profile root (AI_PROFILE_STORAGE_PATH) and an HMAC of a fixed probe under AI_PROFILE_HASH_SECRET.
-- An instance whose marker or probe differs refuses to start (it would disconnect users the others see).
CREATE TABLE ai_instance_check (
    id                  smallint    PRIMARY KEY CHECK (id = 1),
    profile_root_marker text        NOT NULL,
    profile_hash_probe  text        NOT NULL,
    recorded_at         timestamptz NOT NULL DEFAULT now()
);
