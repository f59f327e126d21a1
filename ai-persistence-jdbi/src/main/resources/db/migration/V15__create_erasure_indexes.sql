-- Erasure and retention. An erasure deletes a user's logins by (client_id, user_id), which only the partial
-- index of pending logins served; the retention sweep deletes the oldest artifacts across every owner, by
-- created_at, which no artifact index starts with.
CREATE INDEX ai_logins_owner_idx ON ai_logins (client_id, user_id);
CREATE INDEX ai_artifacts_created_idx ON ai_artifacts (created_at, id);
