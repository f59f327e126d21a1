package com.chimti.ai.adapter.out.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.billing.HeldCredits;
import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.UsageFilter;
import com.chimti.ai.core.domain.billing.UsageGrouping;
import com.chimti.ai.core.domain.billing.UsageSummary;
import com.chimti.ai.core.domain.billing.UsageTotals;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.billing.WalletEntry;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.out.UsageLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The admin views' reads on every PostgreSQL: sums in SQL, a wallet's history in keyset pages, open holds. */
abstract class AdminReadsContract extends DatabaseContract {
    /** A range no other test writes in, so "every client" is this test's rows only. */
    private final Instant base = Instant.parse("2090-01-01T00:00:00Z")
            .plus(Duration.ofDays(ThreadLocalRandom.current().nextInt(0, 3000)));
    private final ClientId clientA = TestData.client();
    private final ClientId clientB = TestData.client();
    private final BrandId brand = new BrandId("brand-" + UUID.randomUUID());
    private final UserId u1 = TestData.user();
    private final UserId u2 = TestData.user();

    private UsageLedger usage() {
        return instance().usageLedger();
    }

    private JdbiWalletHistory history() {
        return new JdbiWalletHistory(instance().jdbi());
    }

    @Test
    void usageIsAddedUpPerClientBrandAndUserWithinTheFilter() {
        record(clientA, brand, u1, 10, TurnOutcome.COMPLETED, 1);
        record(clientA, brand, u1, 5, TurnOutcome.FAILED, 2);
        record(clientA, brand, u2, 3, TurnOutcome.CANCELLED, 3);
        record(clientA, null, u2, 1, TurnOutcome.TIMED_OUT, 4);
        record(clientA, brand, u1, 99, TurnOutcome.COMPLETED, 60 * 24 * 40); // before the range
        record(clientB, brand, u1, 50, TurnOutcome.COMPLETED, 5); // the same brand and sub, another client
        UsageFilter a = new UsageFilter(clientA, null, base.minus(Duration.ofDays(30)), base);

        assertThat(usage().summarize(a, UsageGrouping.CLIENT, 10)).singleElement().satisfies(row -> {
            assertThat(row.clientId()).isEqualTo(clientA);
            assertThat(row.totals()).isEqualTo(new UsageTotals(4, 40, 20, 19, 1, 1, 1, 1));
        });
        assertThat(usage().summarize(a, UsageGrouping.BRAND, 10))
                .extracting(UsageSummary::brandId, r -> r.totals().credits())
                .containsExactly(tuple(brand, 18L), tuple(null, 1L));
        assertThat(usage().summarize(a, UsageGrouping.USER, 10))
                .extracting(UsageSummary::userId, r -> r.totals().credits(), r -> r.totals().calls())
                .containsExactly(tuple(u1, 15L, 2L), tuple(u2, 4L, 2L));
        assertThat(usage().summarize(a, UsageGrouping.USER, 1)).hasSize(1);
        assertThat(usage().total(a)).isEqualTo(new UsageTotals(4, 40, 20, 19, 1, 1, 1, 1));

        UsageFilter brandOnly = new UsageFilter(clientA, brand, base.minus(Duration.ofDays(30)), base);
        assertThat(usage().total(brandOnly).credits()).isEqualTo(18);
        assertThat(usage().summarize(brandOnly, UsageGrouping.USER, 10))
                .allSatisfy(r -> assertThat(r.clientId()).isEqualTo(clientA));

        UsageFilter everyClient = new UsageFilter(null, null, base.minus(Duration.ofDays(30)), base);
        assertThat(usage().summarize(everyClient, UsageGrouping.CLIENT, 10))
                .extracting(UsageSummary::clientId, r -> r.totals().credits())
                .containsExactly(tuple(clientB, 50L), tuple(clientA, 19L));
        assertThat(usage().total(everyClient).credits()).isEqualTo(69);

        UsageFilter empty = new UsageFilter(clientA, null, base, base.plusSeconds(1));
        assertThat(usage().summarize(empty, UsageGrouping.CLIENT, 10)).isEmpty();
        assertThat(usage().total(empty)).isEqualTo(UsageTotals.ZERO);
    }

    @Test
    void aWalletsHistoryHasTopUpsHoldsSettlementsAndVoidsNewestFirstWithTheBalanceAfter() {
        Wallet wallet = instance().wallets().topUp(clientA, brand, 100, "first credits", key(), "h");
        String settled = hold(wallet, 40);
        instance().wallets().settle(settled, 7);
        String voided = hold(wallet, 10);
        instance().wallets().voidReservation(voided);
        String open = hold(wallet, 5);
        instance().wallets().topUp(clientA, brand, 50, "more", key(), "h2");

        List<WalletEntry> entries = history().entries(clientA, brand, PageRequest.first(50)).items();

        assertThat(entries).extracting(WalletEntry::kind, WalletEntry::amount, WalletEntry::balanceAfter,
                        WalletEntry::reservationId, WalletEntry::reason)
                .containsExactly(
                        tuple(WalletEntry.Kind.TOP_UP, 50L, 143L, null, "more"),
                        tuple(WalletEntry.Kind.HOLD, -5L, null, open, null),
                        tuple(WalletEntry.Kind.VOID, 10L, null, voided, null),
                        tuple(WalletEntry.Kind.HOLD, -10L, null, voided, null),
                        tuple(WalletEntry.Kind.SETTLEMENT, -7L, 93L, settled, null),
                        tuple(WalletEntry.Kind.HOLD, -40L, null, settled, null),
                        tuple(WalletEntry.Kind.TOP_UP, 100L, 100L, null, "first credits"));
        assertThat(entries).extracting(WalletEntry::id).doesNotHaveDuplicates();

        HeldCredits held = history().openHolds(clientA, brand, 10);
        assertThat(held.holds()).extracting(HeldCredits.Hold::reservationId, HeldCredits.Hold::amount)
                .containsExactly(tuple(open, 5L));
        assertThat(held.total()).isEqualTo(5);
        assertThat(held.count()).isEqualTo(1);
    }

    @Test
    void pagesWalkTheHistoryExactlyOnceAcrossEqualTimestamps() {
        Wallet wallet = instance().wallets().topUp(clientA, null, 1000, "seed", key(), "h");
        Instant same = Instant.parse("2026-04-01T08:00:00.123456Z");
        // rows of every kind at one instant, as concurrent transactions may write them
        instance().jdbi().useHandle(h -> {
            for (int i = 0; i < 4; i++) {
                h.execute("INSERT INTO wallet_ledger (id, wallet_id, amount, kind, reason, created_at)"
                        + " VALUES (?, ?, 0, 'credit', 'same instant', ?)", UUID.randomUUID().toString(),
                        wallet.walletId(), same);
                String reservation = UUID.randomUUID().toString();
                h.execute("INSERT INTO wallet_reservation (id, wallet_id, amount, status, created_at, ended_at)"
                        + " VALUES (?, ?, 1, 'voided', ?, ?)", reservation, wallet.walletId(), same, same);
            }
        });
        List<WalletEntry> all = history().entries(clientA, null, PageRequest.first(200)).items();
        assertThat(all).hasSize(13);

        for (int size = 1; size <= 4; size++) {
            List<WalletEntry> walked = new ArrayList<>();
            PageCursor cursor = null;
            do {
                Page<WalletEntry> page = history().entries(clientA, null, new PageRequest(size, cursor));
                assertThat(page.items()).hasSizeLessThanOrEqualTo(size);
                walked.addAll(page.items());
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(walked).as("pages of %d", size).containsExactlyElementsOf(all);
        }
        // a cursor pointing at an instant between rows, as a crafted one would, still pages in order
        Page<WalletEntry> after = history().entries(clientA, null,
                new PageRequest(200, new PageCursor(same, "zzzz")));
        assertThat(after.items()).containsExactlyElementsOf(all.subList(all.size() - 12, all.size()));
    }

    @Test
    void anotherClientsWalletNeverShowsEvenWithTheSameBrandOrReplayedIds() {
        Wallet mine = instance().wallets().topUp(clientA, brand, 100, "mine", key(), "h");
        Wallet theirs = instance().wallets().topUp(clientB, brand, 70, "theirs", key(), "h");
        String myHold = hold(mine, 3);
        String theirHold = hold(theirs, 4);
        instance().wallets().settle(theirHold, 4);
        hold(theirs, 9);

        List<WalletEntry> entries = history().entries(clientA, brand, PageRequest.first(50)).items();
        assertThat(entries).extracting(WalletEntry::reason).doesNotContain("theirs");
        assertThat(entries).extracting(WalletEntry::reservationId).doesNotContain(theirHold);
        assertThat(entries).extracting(WalletEntry::reservationId).contains(myHold);
        assertThat(history().openHolds(clientA, brand, 10).total()).isEqualTo(3);
        // the client-wide wallet of A does not exist: nothing, not the brand's and not B's
        assertThat(history().entries(clientA, null, PageRequest.first(50)).items()).isEmpty();
        assertThat(history().openHolds(clientA, null, 10)).isEqualTo(HeldCredits.NONE);
        // a cursor taken from B's history moves nothing of B's into A's pages
        WalletEntry theirNewest = history().entries(clientB, brand, PageRequest.first(1)).items().get(0);
        assertThat(history().entries(clientA, brand, new PageRequest(50, theirNewest.key())).items())
                .extracting(WalletEntry::reason).doesNotContain("theirs");
    }

    @Test
    void openHoldsAreListedOldestFirstUpToTheLimitWhileCountAndSumCoverAll() {
        Wallet wallet = instance().wallets().topUp(clientA, null, 100, "seed", key(), "h");
        List<String> holds = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            holds.add(hold(wallet, i));
        }
        HeldCredits held = history().openHolds(clientA, null, 2);
        assertThat(held.holds()).extracting(HeldCredits.Hold::reservationId).containsExactly(holds.get(0),
                holds.get(1));
        assertThat(held.count()).isEqualTo(4);
        assertThat(held.total()).isEqualTo(10).isEqualTo(instance().wallets().find(clientA, null)
                .orElseThrow().reserved());
    }

    private String hold(Wallet wallet, long amount) {
        return ((Reservation.Held) instance().wallets().reserve(wallet.walletId(), amount)).reservationId();
    }

    private void record(ClientId client, BrandId brandId, UserId user, long credits, TurnOutcome outcome,
                        long minutesAgo) {
        usage().record(new UsageEntry(user, client, brandId, null, TestData.CODEX, "gpt-5", "chat",
                new TokenUsage(10, 5), Duration.ofMillis(4), credits, outcome,
                base.minus(Duration.ofMinutes(minutesAgo)).truncatedTo(ChronoUnit.MICROS)));
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }
}
