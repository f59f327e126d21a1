-- The identity is (client_id, sub) everywhere: the same sub under two clients is two users. Actions, logins and
-- settings get a client_id; artifacts written without one get it where it can be told. Where a sub was seen in
-- exactly one client (chats, usage, artifacts, notes, drafts), its rows get that client. Where it was seen in
-- several (or none), nothing is guessed: its settings and logins are deleted (the user chooses a model and
-- connects Codex again, once per client), and its actions and artifacts that name no client through their chat,
-- note or draft keep client_id NULL, which no one's key ever matches (kept for audit, visible to no one).
-- ai_profile_moves lists the subs with one client: the server moves their Codex profile folder, named by the
-- sub alone until now, to the name of (client_id, sub) at start-up (SQL cannot rename folders; see runbook.md).

CREATE TEMPORARY TABLE v9_user_clients ON COMMIT DROP AS
SELECT user_id, min(client_id) AS client_id, count(DISTINCT client_id) AS clients
FROM (SELECT user_id, client_id FROM ai_chats
      UNION SELECT user_id, client_id FROM usage_log
      UNION SELECT user_id, client_id FROM ai_artifacts WHERE client_id IS NOT NULL
      UNION SELECT user_id, client_id FROM ai_task_notes
      UNION SELECT user_id, client_id FROM ai_message_drafts) seen
GROUP BY user_id;

-- Actions: what they wrote, else their chat, else the sub's only client.
ALTER TABLE ai_actions ADD COLUMN client_id text COLLATE "C";
UPDATE ai_actions a SET client_id = n.client_id FROM ai_task_notes n WHERE n.action_id = a.id;
UPDATE ai_actions a SET client_id = d.client_id FROM ai_message_drafts d
    WHERE a.client_id IS NULL AND d.action_id = a.id;
UPDATE ai_actions a SET client_id = c.client_id FROM ai_chats c WHERE a.client_id IS NULL AND c.id = a.chat_id;
UPDATE ai_actions a SET client_id = u.client_id FROM v9_user_clients u
    WHERE a.client_id IS NULL AND u.user_id = a.user_id AND u.clients = 1;
DROP INDEX ai_actions_user_recent_idx;
CREATE INDEX ai_actions_owner_recent_idx ON ai_actions (client_id, user_id, created_at DESC, id DESC);

-- Artifacts: the chat's client, else the sub's only client.
UPDATE ai_artifacts a SET client_id = c.client_id FROM ai_chats c WHERE a.client_id IS NULL AND c.id = a.chat_id;
UPDATE ai_artifacts a SET client_id = u.client_id FROM v9_user_clients u
    WHERE a.client_id IS NULL AND u.user_id = a.user_id AND u.clients = 1;
DROP INDEX ai_artifacts_user_recent_idx;
CREATE INDEX ai_artifacts_owner_recent_idx ON ai_artifacts (client_id, user_id, created_at DESC, id DESC);

-- Settings (model choice, profile id): the sub's only client, else deleted.
ALTER TABLE ai_settings ADD COLUMN client_id text COLLATE "C";
UPDATE ai_settings s SET client_id = u.client_id FROM v9_user_clients u
    WHERE u.user_id = s.user_id AND u.clients = 1;
DELETE FROM ai_settings WHERE client_id IS NULL;
ALTER TABLE ai_settings ALTER COLUMN client_id SET NOT NULL;
ALTER TABLE ai_settings DROP CONSTRAINT ai_settings_pkey;
ALTER TABLE ai_settings ADD PRIMARY KEY (client_id, user_id, provider);

-- Logins (minutes-long state): the sub's only client, else deleted.
ALTER TABLE ai_logins ADD COLUMN client_id text COLLATE "C";
UPDATE ai_logins l SET client_id = u.client_id FROM v9_user_clients u
    WHERE u.user_id = l.user_id AND u.clients = 1;
DELETE FROM ai_logins WHERE client_id IS NULL;
ALTER TABLE ai_logins ALTER COLUMN client_id SET NOT NULL;
DROP INDEX ai_logins_one_pending_idx;
CREATE UNIQUE INDEX ai_logins_one_pending_idx ON ai_logins (client_id, user_id, provider) WHERE state = 'pending';

-- Profile folders to move at start-up; moved_at is set once the server has looked (moved or nothing to move).
CREATE TABLE ai_profile_moves (
    user_id   text COLLATE "C" PRIMARY KEY,
    client_id text COLLATE "C" NOT NULL,
    moved_at  timestamptz
);
INSERT INTO ai_profile_moves (user_id, client_id) SELECT user_id, client_id FROM v9_user_clients WHERE clients = 1;
