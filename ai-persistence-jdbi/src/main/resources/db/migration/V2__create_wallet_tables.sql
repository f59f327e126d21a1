-- Prepaid credits wallets per client and brand (brand_id NULL = the client-wide wallet), and their ledger.

CREATE TABLE wallet (
    wallet_id  text COLLATE "C" PRIMARY KEY,
    client_id  text COLLATE "C" NOT NULL,
    brand_id   text COLLATE "C",
    balance    bigint           NOT NULL DEFAULT 0 CHECK (balance >= 0),
    reserved   bigint           NOT NULL DEFAULT 0 CHECK (reserved >= 0),
    created_at timestamptz      NOT NULL DEFAULT now(),
    updated_at timestamptz      NOT NULL DEFAULT now()
);

-- One wallet per client and brand; coalesce because a plain UNIQUE would let many NULL-brand wallets in.
CREATE UNIQUE INDEX wallet_client_brand_idx ON wallet (client_id, coalesce(brand_id, ''));

CREATE TABLE wallet_ledger (
    id              text COLLATE "C" PRIMARY KEY,
    wallet_id       text COLLATE "C" NOT NULL REFERENCES wallet (wallet_id),
    amount          bigint           NOT NULL,
    kind            text             NOT NULL,
    reason          text,
    -- A retried credit or debit carries the same key and is refused here instead of applied twice.
    idempotency_key text             UNIQUE,
    request_hash    text,
    created_at      timestamptz      NOT NULL DEFAULT now()
);

CREATE INDEX wallet_ledger_wallet_idx ON wallet_ledger (wallet_id, created_at);
