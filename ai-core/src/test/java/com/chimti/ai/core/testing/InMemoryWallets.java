package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.domain.billing.TopUp;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.port.out.Wallets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-memory reference of {@link Wallets}: one lock around every change mirrors the database's atomic
 * conditional updates (a hold only when {@code balance - reserved >= amount}; each reservation ends once).
 */
public final class InMemoryWallets implements Wallets {
    /** One ledger row: a top-up (positive) or a charge (negative). */
    public record LedgerRow(String walletId, long amount, String kind, String reason, String idempotencyKey,
                            String requestHash, String reservationId) {
    }

    private record Open(String walletId, long amount, Instant at) {
    }

    private final Map<String, Wallet> wallets = new HashMap<>();
    private final Map<String, Open> open = new HashMap<>();
    private final List<LedgerRow> ledger = new ArrayList<>();
    private final Clock clock;
    private int reserveCalls;

    public InMemoryWallets() {
        this(Clock.systemUTC());
    }

    public InMemoryWallets(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Optional<Wallet> find(ClientId clientId, BrandId brandId) {
        return wallets.values().stream()
                .filter(w -> w.clientId().equals(clientId) && Objects.equals(w.brandId(), brandId))
                .findFirst();
    }

    @Override
    public synchronized Reservation reserve(String walletId, long amount) {
        reserveCalls++;
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        Wallet wallet = wallets.get(walletId);
        if (wallet == null) {
            return new Reservation.NotEnough(walletId, 0, amount);
        }
        if (wallet.available() < amount) {
            return new Reservation.NotEnough(walletId, wallet.available(), amount);
        }
        wallets.put(walletId, new Wallet(walletId, wallet.clientId(), wallet.brandId(), wallet.balance(),
                wallet.reserved() + amount));
        String id = TimeOrderedIds.next();
        open.put(id, new Open(walletId, amount, clock.instant()));
        return new Reservation.Held(id, walletId, amount);
    }

    @Override
    public synchronized boolean settle(String reservationId, long actualCost) {
        Open hold = open.remove(reservationId);
        if (hold == null) {
            return false;
        }
        long charge = Math.max(0, Math.min(actualCost, hold.amount()));
        Wallet wallet = wallets.get(hold.walletId());
        wallets.put(wallet.walletId(), new Wallet(wallet.walletId(), wallet.clientId(), wallet.brandId(),
                wallet.balance() - charge, wallet.reserved() - hold.amount()));
        ledger.add(new LedgerRow(wallet.walletId(), -charge, "charge", null, null, null, reservationId));
        return true;
    }

    @Override
    public synchronized boolean voidReservation(String reservationId) {
        Open hold = open.remove(reservationId);
        if (hold == null) {
            return false;
        }
        Wallet wallet = wallets.get(hold.walletId());
        wallets.put(wallet.walletId(), new Wallet(wallet.walletId(), wallet.clientId(), wallet.brandId(),
                wallet.balance(), wallet.reserved() - hold.amount()));
        return true;
    }

    @Override
    public synchronized TopUp credit(ClientId clientId, BrandId brandId, long amount, String reason,
                                     String idempotencyKey, String requestHash) {
        if (amount <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        Optional<LedgerRow> earlier = ledger.stream()
                .filter(row -> idempotencyKey.equals(row.idempotencyKey())).findFirst();
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(requestHash)) {
                throw new ConflictException("the idempotency key was used for a different request");
            }
            return new TopUp(wallets.get(earlier.get().walletId()), false);
        }
        Wallet wallet = find(clientId, brandId)
                .orElseGet(() -> new Wallet(TimeOrderedIds.next(), clientId, brandId, 0, 0));
        if (wallet.balance() > Wallet.MAX_BALANCE - amount) { // as the guarded update in PostgreSQL
            throw new com.chimti.ai.core.domain.billing.WalletLimitExceededException();
        }
        Wallet topped = new Wallet(wallet.walletId(), clientId, brandId, Math.addExact(wallet.balance(), amount),
                wallet.reserved());
        wallets.put(topped.walletId(), topped);
        ledger.add(new LedgerRow(topped.walletId(), amount, "credit", reason, idempotencyKey, requestHash, null));
        return new TopUp(topped, true);
    }

    @Override
    public synchronized int voidStale(Instant olderThan) {
        List<String> stale = open.entrySet().stream()
                .filter(e -> e.getValue().at().isBefore(olderThan)).map(Map.Entry::getKey).toList();
        stale.forEach(this::voidReservation);
        return stale.size();
    }

    /** Test helper: a wallet with a starting balance (booked as a top-up). */
    public Wallet create(ClientId clientId, BrandId brandId, long balance) {
        return topUp(clientId, brandId, balance, "test", "seed-" + TimeOrderedIds.next(), "seed");
    }

    public synchronized List<LedgerRow> ledger() {
        return List.copyOf(ledger);
    }

    public synchronized int openReservations() {
        return open.size();
    }

    public synchronized int reserveCalls() {
        return reserveCalls;
    }

    public synchronized Optional<Wallet> byId(String walletId) {
        return Optional.ofNullable(wallets.get(walletId));
    }
}
