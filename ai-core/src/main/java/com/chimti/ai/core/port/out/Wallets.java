package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.domain.billing.TopUp;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import java.time.Instant;
import java.util.Optional;

/**
 * Prepaid credits wallets. Every change is atomic and conditional, so concurrent turns can never spend more
 * than the balance: {@code 0 <= reserved <= balance} always holds. Each reservation ends exactly once, by
 * {@link #settle} or {@link #voidReservation}; a second ending is a no-op that returns false.
 */
public interface Wallets {

    /** The wallet of the client ({@code brandId} null) or of one of its brands; no fallback between the two. */
    Optional<Wallet> find(ClientId clientId, BrandId brandId);

    /** Holds {@code amount} when {@code balance - reserved >= amount}, in one conditional update. */
    Reservation reserve(String walletId, long amount);

    /**
     * Ends an open reservation: the balance drops by {@code actualCost} (capped at the reserved amount) and the
     * hold is released, with a ledger row, in one transaction. False when the reservation is unknown or ended.
     */
    boolean settle(String reservationId, long actualCost);

    /** Ends an open reservation without a charge; false when it is unknown or already ended. */
    boolean voidReservation(String reservationId);

    /**
     * Adds credits, creating the wallet when needed. The same idempotency key books once and answers the wallet
     * again; the same key with a different {@code requestHash} is a {@link com.chimti.ai.core.domain.ConflictException}.
     * A top-up that would take the balance over {@link Wallet#MAX_BALANCE} books nothing and is a
     * {@link com.chimti.ai.core.domain.billing.WalletLimitExceededException}, decided in the same guarded update.
     * The answer says whether this call booked (false for a replay), so what follows a booking happens once.
     */
    TopUp credit(ClientId clientId, BrandId brandId, long amount, String reason, String idempotencyKey,
                 String requestHash);

    /** {@link #credit}, for callers that need the wallet only. */
    default Wallet topUp(ClientId clientId, BrandId brandId, long amount, String reason, String idempotencyKey,
                         String requestHash) {
        return credit(clientId, brandId, amount, reason, idempotencyKey, requestHash).wallet();
    }

    /** Voids the reservations still open that were made before {@code olderThan} (start-up sweep); how many. */
    int voidStale(Instant olderThan);
}
