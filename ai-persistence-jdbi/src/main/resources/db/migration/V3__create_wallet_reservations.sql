-- Holds on a wallet while a provider call runs. Each ends exactly once: status moves from 'open' to 'settled'
-- or 'voided' in a conditional update, so a second settle or void changes nothing. Open holds left by a crash
-- are voided by the start-up sweep (the partial index keeps that scan cheap).

CREATE TABLE wallet_reservation (
    id         text COLLATE "C" PRIMARY KEY,
    wallet_id  text COLLATE "C" NOT NULL REFERENCES wallet (wallet_id),
    amount     bigint           NOT NULL CHECK (amount > 0),
    status     text             NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'settled', 'voided')),
    charged    bigint           CHECK (charged >= 0 AND charged <= amount),
    created_at timestamptz      NOT NULL DEFAULT now(),
    ended_at   timestamptz
);

CREATE INDEX wallet_reservation_open_idx ON wallet_reservation (created_at) WHERE status = 'open';

-- The money held can never exceed the money there is, so available = balance - reserved is never negative.
ALTER TABLE wallet ADD CONSTRAINT wallet_reserved_within_balance CHECK (reserved <= balance);

-- A settlement's ledger row names its reservation; UNIQUE makes a double booking impossible even by mistake.
ALTER TABLE wallet_ledger ADD COLUMN reservation_id text COLLATE "C" UNIQUE REFERENCES wallet_reservation (id);
