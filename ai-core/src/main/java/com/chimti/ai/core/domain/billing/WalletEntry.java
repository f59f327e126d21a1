package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.paging.PageCursor;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of a wallet's history. {@code amount} is what the line did: a top-up adds to the balance, a settlement
 * takes the charge from it (negative), a hold takes credits from what is available (negative) and a void gives
 * them back (positive). {@code balanceAfter} is the balance after a top-up or settlement when the ledger knows
 * it, and null for holds and voids, which do not move the balance. {@code id} is unique within the wallet's
 * history (a void's id is its reservation's id with {@code :void}), so {@code (at, id)} is a keyset.
 */
public record WalletEntry(String id, Kind kind, long amount, Long balanceAfter, String reservationId,
                          String reason, Instant at) {

    public enum Kind {
        TOP_UP, HOLD, SETTLEMENT, VOID;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public WalletEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if (kind != Kind.TOP_UP && reservationId == null) {
            throw new IllegalArgumentException("a " + kind.wireName() + " names its reservation");
        }
    }

    /** The position of this line in the newest-first listing. */
    public PageCursor key() {
        return new PageCursor(at, id);
    }
}
