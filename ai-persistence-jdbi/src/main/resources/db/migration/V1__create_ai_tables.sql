-- AI layer tables. Ids are opaque text compared with COLLATE "C" (byte order), so keyset cursors order ids
-- exactly as Java's String.compareTo does, whatever the server's default locale is.
-- Instants are TIMESTAMPTZ (microsecond precision); the adapter truncates to microseconds before writing.

CREATE TABLE ai_settings (
    user_id     text COLLATE "C" NOT NULL,
    provider    text             NOT NULL,
    model       text,
    profile_id  text,
    status      text             NOT NULL,
    created_at  timestamptz      NOT NULL,
    updated_at  timestamptz      NOT NULL,
    PRIMARY KEY (user_id, provider)
);

CREATE TABLE ai_chats (
    id          text COLLATE "C" PRIMARY KEY,
    user_id     text COLLATE "C" NOT NULL,
    client_id   text COLLATE "C" NOT NULL,
    brand_id    text COLLATE "C",
    location_id text COLLATE "C",
    title       text             NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    provider    text             NOT NULL,
    model       text,
    created_at  timestamptz      NOT NULL,
    updated_at  timestamptz      NOT NULL,
    CONSTRAINT ai_chats_location_needs_brand CHECK (location_id IS NULL OR brand_id IS NOT NULL)
);

-- Serves "the user's chats in the client, most recently updated first" with a keyset cursor.
CREATE INDEX ai_chats_owner_recent_idx ON ai_chats (user_id, client_id, updated_at DESC, id DESC);

CREATE TABLE ai_messages (
    id          text COLLATE "C" PRIMARY KEY,
    chat_id     text COLLATE "C" NOT NULL REFERENCES ai_chats (id) ON DELETE CASCADE,
    role        text             NOT NULL CHECK (role IN ('user', 'assistant', 'system', 'tool')),
    content     text             NOT NULL,
    provider    text,
    model       text,
    metadata    jsonb            NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz      NOT NULL
);

-- Serves "messages of a chat, oldest first" with a keyset cursor, and the newest N by a backward scan.
CREATE INDEX ai_messages_chat_order_idx ON ai_messages (chat_id, created_at, id);

CREATE TABLE ai_actions (
    id           text COLLATE "C" PRIMARY KEY,
    -- An action outlives its chat for audit; deleting the chat only unlinks it.
    chat_id      text COLLATE "C" REFERENCES ai_chats (id) ON DELETE SET NULL,
    user_id      text COLLATE "C" NOT NULL,
    action_type  text             NOT NULL,
    status       text             NOT NULL
        CHECK (status IN ('proposed', 'confirmed', 'executed', 'rejected', 'failed')),
    input        jsonb            NOT NULL DEFAULT '{}'::jsonb,
    result       jsonb            NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz      NOT NULL,
    completed_at timestamptz
);

CREATE INDEX ai_actions_user_recent_idx ON ai_actions (user_id, created_at DESC, id DESC);
CREATE INDEX ai_actions_chat_idx ON ai_actions (chat_id);

CREATE TABLE ai_artifacts (
    id           text COLLATE "C" PRIMARY KEY,
    user_id      text COLLATE "C" NOT NULL,
    -- The file stays its owner's when the chat that made it is deleted.
    chat_id      text COLLATE "C" REFERENCES ai_chats (id) ON DELETE SET NULL,
    type         text             NOT NULL,
    title        text,
    storage_path text             NOT NULL,
    mime_type    text,
    metadata     jsonb            NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz      NOT NULL
);

CREATE INDEX ai_artifacts_user_recent_idx ON ai_artifacts (user_id, created_at DESC, id DESC);
CREATE INDEX ai_artifacts_chat_idx ON ai_artifacts (chat_id);

CREATE TABLE ai_logins (
    id          text COLLATE "C" PRIMARY KEY,
    user_id     text COLLATE "C" NOT NULL,
    provider    text             NOT NULL,
    state       text             NOT NULL
        CHECK (state IN ('pending', 'connected', 'failed', 'expired', 'cancelled')),
    error       text,
    created_at  timestamptz      NOT NULL,
    expires_at  timestamptz      NOT NULL,
    updated_at  timestamptz      NOT NULL
);

-- At most one pending login per user and provider; a newer one supersedes the older (see JdbiLoginRepository).
CREATE UNIQUE INDEX ai_logins_one_pending_idx ON ai_logins (user_id, provider) WHERE state = 'pending';

CREATE TABLE usage_log (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       text COLLATE "C" NOT NULL,
    client_id     text COLLATE "C" NOT NULL,
    brand_id      text COLLATE "C",
    -- No foreign key: usage is billing and audit data and must survive the chat's deletion.
    chat_id       text COLLATE "C",
    provider      text             NOT NULL,
    model         text,
    kind          text             NOT NULL,
    input_tokens  bigint           NOT NULL CHECK (input_tokens >= 0),
    output_tokens bigint           NOT NULL CHECK (output_tokens >= 0),
    duration_ms   bigint           NOT NULL CHECK (duration_ms >= 0),
    credits       bigint           NOT NULL CHECK (credits >= 0),
    outcome       text             NOT NULL CHECK (outcome IN ('completed', 'cancelled', 'timed_out', 'failed')),
    at            timestamptz      NOT NULL
);

-- Serves usage reports of a client (optionally narrowed to a brand or user) over a time range.
CREATE INDEX usage_log_client_at_idx ON usage_log (client_id, at);
