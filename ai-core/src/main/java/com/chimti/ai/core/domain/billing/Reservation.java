package com.chimti.ai.core.domain.billing;

import java.util.Objects;

/** What a hold on a wallet gave: the hold itself, or "not enough" (an expected answer, not an error). */
public sealed interface Reservation {

    /** Credits held on {@code walletId} until the reservation is settled or voided, exactly once. */
    record Held(String reservationId, String walletId, long amount) implements Reservation {
        public Held {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(walletId, "walletId");
            if (amount <= 0) {
                throw new IllegalArgumentException("a reservation holds a positive amount");
            }
        }
    }

    /** The wallet's available credits (balance - reserved) did not cover the amount; nothing was held. */
    record NotEnough(String walletId, long available, long requested) implements Reservation {
    }
}
