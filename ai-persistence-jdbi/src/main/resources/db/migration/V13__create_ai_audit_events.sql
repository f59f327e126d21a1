-- The audit trail: security-relevant events, ids and metadata only (no secrets, no message text). Append-only:
-- the trigger refuses every UPDATE and DELETE, so not even an erasure rewrites history.
CREATE TABLE ai_audit_events (
    id              text COLLATE "C" PRIMARY KEY,
    at              timestamptz      NOT NULL,
    type            text             NOT NULL,
    client_id       text COLLATE "C" NOT NULL,
    brand_id        text COLLATE "C",
    actor_user_id   text COLLATE "C",
    subject_user_id text COLLATE "C",
    request_id      text,
    details         jsonb            NOT NULL DEFAULT '{}'::jsonb
);

-- Serves the read route: a client's events over a time range, newest first.
CREATE INDEX ai_audit_events_client_at_idx ON ai_audit_events (client_id, at DESC, id DESC);

CREATE FUNCTION ai_audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ai_audit_events is append-only';
END;
$$;

CREATE TRIGGER ai_audit_events_append_only
    BEFORE UPDATE OR DELETE ON ai_audit_events
    FOR EACH ROW EXECUTE FUNCTION ai_audit_events_append_only();

-- Which request a provider call came with (X-Request-Id), to join usage with logs and audit events.
ALTER TABLE usage_log ADD COLUMN request_id text;
