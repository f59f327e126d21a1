-- The admin views: a wallet's history (ledger rows, holds and voids) newest first, its open holds, and usage
-- added up over every client.

-- The balance a top-up or settlement left, written with the row from now on. Older rows get it from the running
-- sum of their wallet's ledger, but only where that sum explains today's balance (else it stays unknown).
ALTER TABLE wallet_ledger ADD COLUMN balance_after bigint CHECK (balance_after >= 0);

UPDATE wallet_ledger l SET balance_after = r.running
FROM (SELECT id, sum(amount) OVER (PARTITION BY wallet_id ORDER BY created_at, id) AS running
      FROM wallet_ledger) r
WHERE r.id = l.id
  AND r.running >= 0
  AND l.wallet_id IN (SELECT w.wallet_id FROM wallet w
                      WHERE w.balance = (SELECT coalesce(sum(amount), 0) FROM wallet_ledger s
                                         WHERE s.wallet_id = w.wallet_id));

-- Keyset pages of a wallet's history, newest first: (created_at, id) per source; voids by when they ended.
DROP INDEX wallet_ledger_wallet_idx;
CREATE INDEX wallet_ledger_wallet_recent_idx ON wallet_ledger (wallet_id, created_at DESC, id DESC);
CREATE INDEX wallet_reservation_wallet_recent_idx ON wallet_reservation (wallet_id, created_at DESC, id DESC);
CREATE INDEX wallet_reservation_wallet_voided_idx ON wallet_reservation (wallet_id, ended_at DESC, id DESC)
    WHERE status = 'voided';
CREATE INDEX wallet_reservation_wallet_open_idx ON wallet_reservation (wallet_id, created_at) WHERE status = 'open';

-- Usage over every client (a platform admin's report): without it a short range scans the whole log
-- (EXPLAIN on 200k rows: a parallel seq scan of 150 ms against an index scan of 1.6 ms for 3 days).
CREATE INDEX usage_log_at_idx ON usage_log (at);
