package com.chimti.ai.core.domain.billing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The open reservations of a wallet, oldest first (at most a listing's cap of them), with the count and sum of
 * all of them.
 */
public record HeldCredits(List<Hold> holds, long count, long total) {

    /** One open reservation: a turn (or a crashed one, until the start-up sweep) holding credits. */
    public record Hold(String reservationId, long amount, Instant createdAt) {
        public Hold {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(createdAt, "createdAt");
        }
    }

    public static final HeldCredits NONE = new HeldCredits(List.of(), 0, 0);

    public HeldCredits {
        holds = List.copyOf(holds);
        if (count < holds.size() || total < 0) {
            throw new IllegalArgumentException("the count and total cover every listed hold");
        }
    }
}
