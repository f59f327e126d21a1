package com.chimti.ai.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.persistence.sql.SqlErrors;
import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.port.out.Wallets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the wallets must do on every PostgreSQL (embedded and external: {@link RepositoryContract} extends this,
 * so both of its subclasses run it), matching ai-core's InMemoryWallets.
 */
abstract class WalletContract extends DatabaseContract {
    private Wallets wallets() {
        return instance().wallets();
    }

    @Test
    void concurrentReservationsNeverOverspendAndTheLedgerMatchesTheBalance() throws Exception {
        int attempts = 1000;
        int threads = 50;
        long price = 7;
        int covered = 300; // the balance covers exactly this many holds
        ClientId client = TestData.client();
        Wallet wallet = wallets().topUp(client, null, covered * price, "seed", key(), "h");

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reservation>> results = new ArrayList<>();
        try {
            for (int i = 0; i < attempts; i++) {
                Callable<Reservation> attempt = () -> {
                    start.await();
                    return wallets().reserve(wallet.walletId(), price);
                };
                results.add(pool.submit(attempt));
            }
            start.countDown();
            List<Reservation.Held> held = new ArrayList<>();
            int notEnough = 0;
            for (Future<Reservation> result : results) {
                Reservation reservation = result.get(120, TimeUnit.SECONDS);
                if (reservation instanceof Reservation.Held h) {
                    held.add(h);
                } else {
                    notEnough++;
                }
            }
            assertThat(held).hasSize(covered);
            assertThat(notEnough).isEqualTo(attempts - covered);
            Wallet full = wallets().find(client, null).orElseThrow();
            assertThat(full.reserved()).isEqualTo(full.balance());

            // settle them all concurrently, each charging part of its hold
            List<Future<Boolean>> settled = new ArrayList<>();
            for (Reservation.Held h : held) {
                settled.add(pool.submit(() -> wallets().settle(h.reservationId(), 3)));
            }
            for (Future<Boolean> s : settled) {
                assertThat(s.get(120, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        Wallet after = wallets().find(client, null).orElseThrow();
        long expected = covered * price - covered * 3L;
        assertThat(after.balance()).isEqualTo(expected);
        assertThat(after.reserved()).isZero();
        assertThat(ledgerSum(wallet.walletId())).isEqualTo(expected);
    }

    @Test
    void aTopUpSentTwentyTimesConcurrentlyWithOneKeyBooksOnce() throws Exception {
        ClientId client = TestData.client();
        BrandId brand = new BrandId("b1");
        String key = key();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Wallet>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return wallets().topUp(client, brand, 250, "invoice 7", key, "hash-1");
                }));
            }
            start.countDown();
            Set<String> walletIds = new HashSet<>();
            for (Future<Wallet> result : results) {
                walletIds.add(result.get(60, TimeUnit.SECONDS).walletId());
            }
            assertThat(walletIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        Wallet wallet = wallets().find(client, brand).orElseThrow();
        assertThat(wallet.balance()).isEqualTo(250);
        assertThat(ledgerSum(wallet.walletId())).isEqualTo(250);
        assertThat(ledgerRows(wallet.walletId())).isEqualTo(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsAConflictAndBooksNothing() {
        ClientId client = TestData.client();
        String key = key();
        Wallet first = wallets().topUp(client, null, 100, "r", key, "hash-a");
        assertThat(wallets().topUp(client, null, 100, "r", key, "hash-a")).isEqualTo(first);

        assertThatThrownBy(() -> wallets().topUp(client, null, 999, "r", key, "hash-b"))
                .isInstanceOf(ConflictException.class);
        assertThat(wallets().find(client, null).orElseThrow().balance()).isEqualTo(100);
        assertThat(ledgerRows(first.walletId())).isEqualTo(1);
    }

    @Test
    void clientAndBrandWalletsAreSeparate() {
        ClientId client = TestData.client();
        wallets().topUp(client, null, 10, "r", key(), "h");
        wallets().topUp(client, new BrandId("b1"), 20, "r", key(), "h");
        wallets().topUp(client, new BrandId("b1"), 5, "r", key(), "h");

        assertThat(wallets().find(client, null).orElseThrow().balance()).isEqualTo(10);
        assertThat(wallets().find(client, new BrandId("b1")).orElseThrow().balance()).isEqualTo(25);
        assertThat(wallets().find(client, new BrandId("b2"))).isEmpty();
        assertThat(wallets().find(TestData.client(), null)).isEmpty();
    }

    @Test
    void settlingOrVoidingTwiceBooksOnce() {
        ClientId client = TestData.client();
        Wallet wallet = wallets().topUp(client, null, 100, "r", key(), "h");
        Reservation.Held held = (Reservation.Held) wallets().reserve(wallet.walletId(), 40);
        assertThat(wallets().reserve(wallet.walletId(), 61)).isInstanceOf(Reservation.NotEnough.class)
                .extracting(r -> ((Reservation.NotEnough) r).available()).isEqualTo(60L);

        assertThat(wallets().settle(held.reservationId(), 30)).isTrue();
        assertThat(wallets().settle(held.reservationId(), 30)).isFalse();
        assertThat(wallets().voidReservation(held.reservationId())).isFalse();
        assertThat(wallets().settle("no-such-reservation", 1)).isFalse();

        Wallet after = wallets().find(client, null).orElseThrow();
        assertThat(after.balance()).isEqualTo(70);
        assertThat(after.reserved()).isZero();
        assertThat(ledgerSum(wallet.walletId())).isEqualTo(70);

        // a charge above the hold is capped at the hold, so the wallet never pays more than it reserved
        Reservation.Held second = (Reservation.Held) wallets().reserve(wallet.walletId(), 10);
        assertThat(wallets().settle(second.reservationId(), 500)).isTrue();
        assertThat(wallets().find(client, null).orElseThrow().balance()).isEqualTo(60);

        Reservation.Held third = (Reservation.Held) wallets().reserve(wallet.walletId(), 10);
        assertThat(wallets().voidReservation(third.reservationId())).isTrue();
        assertThat(wallets().settle(third.reservationId(), 5)).isFalse();
        assertThat(wallets().find(client, null).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(60L, 0L);
        assertThat(ledgerSum(wallet.walletId())).isEqualTo(60);
    }

    @Test
    void voidStaleVoidsOnlyOldOpenReservations() {
        ClientId client = TestData.client();
        Wallet wallet = wallets().topUp(client, null, 100, "r", key(), "h");
        Reservation.Held old = (Reservation.Held) wallets().reserve(wallet.walletId(), 10);
        Reservation.Held oldSettled = (Reservation.Held) wallets().reserve(wallet.walletId(), 10);
        Reservation.Held fresh = (Reservation.Held) wallets().reserve(wallet.walletId(), 10);
        wallets().settle(oldSettled.reservationId(), 4);
        instance().jdbi().useHandle(h -> h.execute("UPDATE wallet_reservation SET created_at = now() - interval"
                + " '2 hours' WHERE id IN (?, ?)", old.reservationId(), oldSettled.reservationId()));

        int voided = wallets().voidStale(Instant.now().minusSeconds(3600));

        assertThat(voided).isGreaterThanOrEqualTo(1); // other tests' reservations are never that old
        assertThat(status(old.reservationId())).isEqualTo("voided");
        assertThat(status(oldSettled.reservationId())).isEqualTo("settled");
        assertThat(status(fresh.reservationId())).isEqualTo("open");
        assertThat(wallets().find(client, null).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(96L, 10L);
    }

    @Test
    void theSchemaRefusesHoldingMoreThanTheBalance() {
        ClientId client = TestData.client();
        Wallet wallet = wallets().topUp(client, null, 5, "r", key(), "h");
        assertThatThrownBy(() -> instance().jdbi().useHandle(h -> h.execute(
                "UPDATE wallet SET reserved = 6 WHERE wallet_id = ?", wallet.walletId())))
                .satisfies(e -> assertThat(SqlErrors.hasState(e, SqlErrors.CHECK_VIOLATION)).isTrue());
    }

    @Test
    void openReservationsCountsTheHoldsStillOpen() {
        Wallet wallet = wallets().topUp(TestData.client(), null, 100, "seed", key(), "h");
        long before = instance().wallets().openReservations();

        Reservation.Held first = (Reservation.Held) wallets().reserve(wallet.walletId(), 10);
        Reservation.Held second = (Reservation.Held) wallets().reserve(wallet.walletId(), 10);
        assertThat(instance().wallets().openReservations()).isEqualTo(before + 2);

        wallets().settle(first.reservationId(), 4);
        wallets().voidReservation(second.reservationId());
        assertThat(instance().wallets().openReservations()).isEqualTo(before);
    }

    @Test
    void aFailedStatementsMessageCarriesNeitherItsArgumentsNorTheStoredValues() {
        String planted = "sk-proj-Zx81KqLmN0pQrStUvWxYz1234";
        Wallet wallet = wallets().topUp(TestData.client(), null, 5, "seed", key(), "h");

        // a bound argument in a failing statement, and a constraint violation that PostgreSQL would detail
        Throwable badArgument = org.assertj.core.api.Assertions.catchThrowable(() -> instance().jdbi().withHandle(
                h -> h.createUpdate("INSERT INTO wallet (wallet_id) VALUES (:id)").bind("id", planted).execute()));
        String insert = "INSERT INTO wallet_reservation (id, wallet_id, amount) VALUES (:id, :w, 1)";
        Throwable duplicate = org.assertj.core.api.Assertions.catchThrowable(() -> instance().jdbi().withHandle(
                h -> h.createUpdate(insert).bind("id", planted).bind("w", wallet.walletId()).execute()
                        + h.createUpdate(insert).bind("id", planted).bind("w", wallet.walletId()).execute()));

        for (Throwable failure : List.of(badArgument, duplicate)) {
            assertThat(failure).isNotNull();
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                assertThat(String.valueOf(cause.getMessage())).doesNotContain(planted);
                assertThat(cause.toString()).doesNotContain(planted);
            }
        }
    }

    private static String key() {
        return "key-" + UUID.randomUUID();
    }

    private long ledgerSum(String walletId) {
        return instance().jdbi().withHandle(h -> h.createQuery(
                "SELECT coalesce(sum(amount), 0) FROM wallet_ledger WHERE wallet_id = :w")
                .bind("w", walletId).mapTo(Long.class).one());
    }

    private long ledgerRows(String walletId) {
        return instance().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM wallet_ledger WHERE wallet_id = :w")
                .bind("w", walletId).mapTo(Long.class).one());
    }

    private String status(String reservationId) {
        return instance().jdbi().withHandle(h -> h.createQuery(
                "SELECT status FROM wallet_reservation WHERE id = :id")
                .bind("id", reservationId).mapTo(String.class).one());
    }
}
