-- The SSE events of streamed turns, kept a few minutes so a client that reconnects to another server instance
-- with Last-Event-ID gets what it missed. The instance running a turn writes its events in order and marks the
-- turn finished after the last one; readers on other instances follow with LISTEN ai_turn_events (the payload is
-- the turn key). followed_at is when a client last followed the turn through another instance: the running
-- instance does not cancel a turn whose own client left while someone follows it elsewhere.
-- Rows are swept by the writer: finished turns after 5 minutes, unfinished ones (a crashed instance) after a day.

CREATE TABLE ai_turn_streams (
    turn_key    text COLLATE "C" PRIMARY KEY,
    chat_id     text COLLATE "C" NOT NULL,
    finished    boolean          NOT NULL DEFAULT false,
    created_at  timestamptz      NOT NULL DEFAULT now(),
    finished_at timestamptz,
    followed_at timestamptz
);

CREATE INDEX ai_turn_streams_chat_idx ON ai_turn_streams (chat_id, created_at DESC);

CREATE TABLE ai_turn_events (
    turn_key text COLLATE "C" NOT NULL REFERENCES ai_turn_streams (turn_key) ON DELETE CASCADE,
    seq      bigint           NOT NULL CHECK (seq > 0),
    name     text             NOT NULL,
    data     text             NOT NULL,
    PRIMARY KEY (turn_key, seq)
);
