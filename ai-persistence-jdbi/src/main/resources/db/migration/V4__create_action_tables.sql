-- Tables written by the shipped AI action handlers, and only by them (through ActionService, after validation
-- and the user's confirmation). Each row carries the scope it was written in (user, client, brand, location)
-- and the action that wrote it; action_id is unique, so a proposal can never write twice.

CREATE TABLE ai_task_notes (
    id          text COLLATE "C" PRIMARY KEY,
    action_id   text COLLATE "C" NOT NULL UNIQUE REFERENCES ai_actions (id),
    user_id     text COLLATE "C" NOT NULL,
    client_id   text COLLATE "C" NOT NULL,
    brand_id    text COLLATE "C" NOT NULL,
    location_id text COLLATE "C",
    -- The note stays when the chat it came from is deleted.
    chat_id     text COLLATE "C" REFERENCES ai_chats (id) ON DELETE SET NULL,
    title       text             NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    body        text             CHECK (body IS NULL OR char_length(body) <= 4000),
    due_date    text             CHECK (due_date IS NULL OR char_length(due_date) <= 40),
    created_at  timestamptz      NOT NULL
);

CREATE INDEX ai_task_notes_scope_idx ON ai_task_notes (client_id, brand_id, created_at DESC);
CREATE INDEX ai_task_notes_user_idx ON ai_task_notes (user_id, created_at DESC);

CREATE TABLE ai_message_drafts (
    id            text COLLATE "C" PRIMARY KEY,
    action_id     text COLLATE "C" NOT NULL UNIQUE REFERENCES ai_actions (id),
    user_id       text COLLATE "C" NOT NULL,
    client_id     text COLLATE "C" NOT NULL,
    brand_id      text COLLATE "C" NOT NULL,
    location_id   text COLLATE "C",
    chat_id       text COLLATE "C" REFERENCES ai_chats (id) ON DELETE SET NULL,
    customer_name text             NOT NULL CHECK (char_length(customer_name) BETWEEN 1 AND 200),
    channel       text             NOT NULL CHECK (channel IN ('email', 'sms', 'whatsapp')),
    body          text             NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
    created_at    timestamptz      NOT NULL
);

CREATE INDEX ai_message_drafts_scope_idx ON ai_message_drafts (client_id, brand_id, created_at DESC);
CREATE INDEX ai_message_drafts_user_idx ON ai_message_drafts (user_id, created_at DESC);
