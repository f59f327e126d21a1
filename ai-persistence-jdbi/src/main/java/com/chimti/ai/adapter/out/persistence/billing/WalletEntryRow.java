package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.core.domain.billing.WalletEntry;
import java.time.Instant;
import java.util.Locale;

/** One line of a wallet's history as the union query reads it. */
record WalletEntryRow(String id, String kind, long amount, Long balanceAfter, String reservationId, String reason,
                      Instant at) {
    WalletEntry toDomain() {
        return new WalletEntry(id, WalletEntry.Kind.valueOf(kind.toUpperCase(Locale.ROOT)), amount, balanceAfter,
                reservationId, reason, at);
    }
}
