package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.core.domain.billing.HeldCredits;
import java.time.Instant;

/** An open wallet_reservation row. */
record OpenHoldRow(String id, long amount, Instant createdAt) {
    HeldCredits.Hold toDomain() {
        return new HeldCredits.Hold(id, amount, createdAt);
    }
}
