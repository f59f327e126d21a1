-- Artifacts get the client and brand of the request that wrote them (who besides the owner may read one: a brand
-- admin of the same client whose scope holds the brand) and their size. Rows from before have neither client nor
-- brand and stay their owner's only; nothing wrote artifacts before this version, so there should be none.
-- storage_path keeps its name but now holds the artifact store's opaque key, never a path a caller chose.

ALTER TABLE ai_artifacts ADD COLUMN client_id  text COLLATE "C";
ALTER TABLE ai_artifacts ADD COLUMN brand_id   text COLLATE "C";
ALTER TABLE ai_artifacts ADD COLUMN size_bytes bigint NOT NULL DEFAULT 0 CHECK (size_bytes >= 0);

-- An admin's list: every owner's artifacts of one brand in one client, newest first.
CREATE INDEX ai_artifacts_client_brand_recent_idx ON ai_artifacts (client_id, brand_id, created_at DESC, id DESC);
