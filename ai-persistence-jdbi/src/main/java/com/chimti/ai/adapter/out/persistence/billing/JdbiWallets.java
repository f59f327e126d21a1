package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.domain.billing.TopUp;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.billing.WalletLimitExceededException;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.port.out.Wallets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Wallets on PostgreSQL. A hold is one conditional UPDATE (with its reservation row, in one transaction); a
 * settlement ends the reservation by compare-and-set, moves the wallet and writes the ledger row in one
 * transaction. CHECKs (balance >= 0, 0 <= reserved <= balance) back the conditional updates up.
 */
public final class JdbiWallets implements Wallets {
    private static final int SWEEP_BATCH = 500;

    private final Jdbi jdbi;
    private final WalletDao dao;

    public JdbiWallets(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(WalletDao.class);
    }

    @Override
    public Optional<Wallet> find(ClientId clientId, BrandId brandId) {
        return dao.find(clientId.value(), brandId == null ? null : brandId.value()).map(WalletRow::toDomain);
    }

    @Override
    public Reservation reserve(String walletId, long amount) {
        Objects.requireNonNull(walletId, "walletId");
        if (amount <= 0 || amount > Wallet.MAX_BALANCE) {
            throw new IllegalArgumentException("amount must be from 1 to " + Wallet.MAX_BALANCE);
        }
        return jdbi.inTransaction(handle -> {
            WalletDao tx = handle.attach(WalletDao.class);
            if (tx.hold(walletId, amount) == 1) {
                String id = TimeOrderedIds.next();
                tx.insertReservation(id, walletId, amount);
                return new Reservation.Held(id, walletId, amount);
            }
            long available = tx.findById(walletId).map(w -> w.balance() - w.reserved()).orElse(0L);
            return new Reservation.NotEnough(walletId, available, amount);
        });
    }

    @Override
    public boolean settle(String reservationId, long actualCost) {
        return end(reservationId, "settled", Math.max(0, actualCost));
    }

    @Override
    public boolean voidReservation(String reservationId) {
        return end(reservationId, "voided", 0);
    }

    private boolean end(String reservationId, String status, long cost) {
        return jdbi.inTransaction(handle -> end(handle.attach(WalletDao.class), reservationId, status, cost));
    }

    /** Ends an open reservation inside the caller's transaction (also {@link JdbiTurnSettlements}'). */
    static boolean end(WalletDao tx, String reservationId, String status, long cost) {
        Optional<WalletDao.Ended> ended = tx.end(reservationId, status, cost);
        if (ended.isEmpty()) {
            return false; // unknown, or ended before: nothing changes
        }
        WalletDao.Ended e = ended.get();
        long balance = tx.release(e.walletId(), e.amount(), e.charged());
        if ("settled".equals(status)) {
            tx.insertCharge(TimeOrderedIds.next(), e.walletId(), -e.charged(), reservationId, balance);
        }
        return true;
    }

    @Override
    public TopUp credit(ClientId clientId, BrandId brandId, long amount, String reason, String idempotencyKey,
                        String requestHash) {
        if (amount <= 0 || amount > Wallet.MAX_BALANCE) {
            throw new IllegalArgumentException("amount must be from 1 to " + Wallet.MAX_BALANCE);
        }
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(requestHash, "requestHash");
        String brand = brandId == null ? null : brandId.value();
        return jdbi.inTransaction(handle -> {
            WalletDao tx = handle.attach(WalletDao.class);
            tx.ensure(TimeOrderedIds.next(), clientId.value(), brand);
            WalletRow wallet = tx.find(clientId.value(), brand).orElseThrow();
            Optional<String> credited = tx.insertCredit(TimeOrderedIds.next(), wallet.walletId(), amount, reason,
                    idempotencyKey, requestHash);
            if (credited.isPresent()) {
                long balance = tx.credit(wallet.walletId(), amount, Wallet.MAX_BALANCE)
                        .orElseThrow(WalletLimitExceededException::new); // rolls the ledger row back with it
                tx.recordBalanceAfter(credited.get(), balance);
                return new TopUp(tx.findById(wallet.walletId()).orElseThrow().toDomain(), true);
            }
            WalletDao.KeyUse earlier = tx.findKey(idempotencyKey).orElseThrow();
            if (!requestHash.equals(earlier.requestHash())) {
                throw new ConflictException("the idempotency key was used for a different request");
            }
            return new TopUp(tx.findById(earlier.walletId()).orElseThrow().toDomain(), false);
        });
    }

    @Override
    public int voidStale(Instant olderThan) {
        int voided = 0;
        List<String> batch;
        do {
            batch = dao.stale(Times.micros(olderThan), SWEEP_BATCH);
            for (String id : batch) {
                if (voidReservation(id)) {
                    voided++;
                }
            }
        } while (batch.size() == SWEEP_BATCH);
        return voided;
    }

    /** Reservations still open (turns holding credits) across every instance; for a metrics gauge. */
    public long openReservations() {
        return dao.openReservations();
    }
}
