package com.chimti.ai.core.service.billing;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.billing.HeldCredits;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.UsageGrouping;
import com.chimti.ai.core.domain.billing.UsageSummary;
import com.chimti.ai.core.domain.billing.UsageTotals;
import com.chimti.ai.core.domain.billing.WalletEntry;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.AiNotEnabledException;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.in.OpenHoldsQuery;
import com.chimti.ai.core.port.in.OpenHoldsReport;
import com.chimti.ai.core.port.in.SpendingQuery;
import com.chimti.ai.core.port.in.SpendingReport;
import com.chimti.ai.core.port.in.WalletLedgerQuery;
import com.chimti.ai.core.testing.InMemoryUsageLedger;
import com.chimti.ai.core.testing.InMemoryWalletHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AdminBillingServiceTest {
    private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
    private static final ClientId C1 = new ClientId("c1");
    private static final ClientId C2 = new ClientId("c2");
    private static final BrandId B1 = new BrandId("b1");
    private static final BrandId B2 = new BrandId("b2");
    private static final BrandId B3 = new BrandId("b3");

    private final InMemoryUsageLedger usage = new InMemoryUsageLedger();
    private final InMemoryWalletHistory history = new InMemoryWalletHistory();
    private final AdminBillingService service = new AdminBillingService(usage, history, new AiAccessPolicy(),
            Clock.fixed(NOW, ZoneOffset.UTC));

    /** A platform admin of c1, whose client has no AI module: operators need none. */
    private final Caller platform = aCaller().user("ops").roles(Role.PLATFORM_ADMIN).modules().brands().build();
    /** Brand admin of b1 (not b2) in c1. */
    private final Caller brandAdmin = aCaller().user("ba").brands("b1").roles(Role.BRAND_ADMIN).build();
    private final Caller superadmin = aCaller().user("sa").brands("b1", "b3").roles(Role.BRAND_SUPERADMIN).build();
    private final Caller store = aCaller().user("st").brands("b1").roles(Role.STORE).aiAccess(true).build();

    @Test
    void aPlatformAdminGroupingByClientWithoutNamingOneSeesEveryClientWithTotals() {
        call("c1", "b1", "u1", 10, TurnOutcome.COMPLETED, 60);
        call("c1", null, "u2", 5, TurnOutcome.FAILED, 50);
        call("c2", "b9", "u1", 7, TurnOutcome.CANCELLED, 40);
        call("c2", "b9", "u3", 1, TurnOutcome.TIMED_OUT, 40);
        call("c2", "b9", "u3", 100, TurnOutcome.COMPLETED, 40 * 24 * 60); // 40 days ago: outside the range

        SpendingReport report = service.spending(new SpendingQuery(platform, null, null, null, null, null));

        assertThat(report.groupBy()).isEqualTo(UsageGrouping.CLIENT);
        assertThat(report.clientId()).isNull();
        assertThat(report.from()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(report.rows()).extracting(r -> r.clientId().value(), r -> r.totals().credits())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c1", 15L),
                        org.assertj.core.groups.Tuple.tuple("c2", 8L));
        assertThat(report.totals()).isEqualTo(new UsageTotals(4, 40, 20, 23, 1, 1, 1, 1));
        assertThat(report.truncated()).isFalse();
    }

    @Test
    void aPlatformAdminNamesAnyClientAndGroupsByBrandOrUser() {
        call("c1", "b1", "u1", 10, TurnOutcome.COMPLETED, 60);
        call("c2", "b9", "u1", 7, TurnOutcome.COMPLETED, 50);
        call("c2", null, "u2", 3, TurnOutcome.COMPLETED, 50);
        call("c2", "b9", "u2", 2, TurnOutcome.COMPLETED, 50);

        SpendingReport brands = service.spending(new SpendingQuery(platform, null, null, C2, null,
                UsageGrouping.BRAND));
        assertThat(brands.clientId()).isEqualTo(C2);
        assertThat(brands.rows()).extracting(r -> r.brandId() == null ? null : r.brandId().value(),
                r -> r.totals().credits()).containsExactly(org.assertj.core.groups.Tuple.tuple("b9", 9L),
                org.assertj.core.groups.Tuple.tuple(null, 3L));
        assertThat(brands.totals().credits()).isEqualTo(12);

        SpendingReport users = service.spending(new SpendingQuery(platform, null, null, C2, null, UsageGrouping.USER));
        assertThat(users.rows()).extracting(r -> r.userId().value()).containsExactly("u1", "u2");
        assertThat(users.rows()).allSatisfy(r -> assertThat(r.brandId()).isNull());

        // grouping by brand or user without naming a client means the admin's own client
        SpendingReport own = service.spending(new SpendingQuery(platform, null, null, null, null, UsageGrouping.USER));
        assertThat(own.clientId()).isEqualTo(C1);
        assertThat(own.rows()).singleElement().extracting(r -> r.totals().credits()).isEqualTo(10L);
    }

    @Test
    void brandAdminsSeeTheirBrandOnly() {
        call("c1", "b1", "u1", 10, TurnOutcome.COMPLETED, 60);
        call("c1", "b1", "u2", 4, TurnOutcome.COMPLETED, 60);
        call("c1", "b2", "u1", 7, TurnOutcome.COMPLETED, 60);
        call("c1", null, "u1", 1, TurnOutcome.COMPLETED, 60);
        call("c2", "b1", "u9", 50, TurnOutcome.COMPLETED, 60); // the same brand id in another client

        for (Caller admin : List.of(brandAdmin, superadmin)) {
            SpendingReport report = service.spending(new SpendingQuery(admin, null, null, null, B1,
                    UsageGrouping.USER));
            assertThat(report.clientId()).isEqualTo(C1);
            assertThat(report.rows()).extracting(r -> r.userId().value(), r -> r.totals().credits())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("u1", 10L),
                            org.assertj.core.groups.Tuple.tuple("u2", 4L));
            assertThat(report.totals().credits()).isEqualTo(14);
            // naming their own client is the same
            assertThat(service.spending(new SpendingQuery(admin, null, null, C1, B1, UsageGrouping.CLIENT)).rows())
                    .singleElement().extracting(r -> r.totals().credits()).isEqualTo(14L);
        }
    }

    static Stream<Arguments> refusals() {
        Caller brandAdmin = aCaller().user("ba").brands("b1").roles(Role.BRAND_ADMIN).build();
        Caller superadmin = aCaller().user("sa").brands("b1", "b3").roles(Role.BRAND_SUPERADMIN).build();
        List<Arguments> cases = new ArrayList<>();
        for (Caller admin : List.of(brandAdmin, superadmin)) {
            String who = admin.roles().iterator().next().name();
            cases.add(Arguments.of(who + " naming another client", admin, C2, B1));
            cases.add(Arguments.of(who + " naming no brand", admin, null, null));
            cases.add(Arguments.of(who + " naming a brand outside the scope", admin, null, B2));
            cases.add(Arguments.of(who + " naming their own client but no brand", admin, C1, null));
        }
        for (Role role : List.of(Role.STORE, Role.WORKSHOP, Role.ACCOUNTS, Role.CUSTOMER_CARE, Role.FIELD)) {
            Caller staff = aCaller().user("s").brands("b1").roles(role).aiAccess(true).build();
            cases.add(Arguments.of(role + " asking for their brand", staff, null, B1));
            cases.add(Arguments.of(role + " asking for their client", staff, C1, null));
        }
        cases.add(Arguments.of("no role at all", aCaller().roles().aiAccess(true).build(), null, null));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void everyViewRefusesWhatIsOutOfTheCallersScope(String name, Caller caller, ClientId client, BrandId brand) {
        call("c1", "b1", "u1", 10, TurnOutcome.COMPLETED, 60);
        call("c2", "b1", "u1", 10, TurnOutcome.COMPLETED, 60);
        for (UsageGrouping grouping : UsageGrouping.values()) {
            assertThatThrownBy(() -> service.spending(new SpendingQuery(caller, null, null, client, brand, grouping)))
                    .isInstanceOf(OutOfScopeException.class);
        }
        assertThatThrownBy(() -> service.ledger(new WalletLedgerQuery(caller, client, brand, PageRequest.first(10))))
                .isInstanceOf(OutOfScopeException.class);
        assertThatThrownBy(() -> service.openHolds(new OpenHoldsQuery(caller, client, brand)))
                .isInstanceOf(OutOfScopeException.class);
    }

    @Test
    void aBrandAdminWhoseClientHasNoAiModuleIsRefusedAsByTheUsageRoute() {
        Caller noModule = aCaller().user("ba").brands("b1").roles(Role.BRAND_ADMIN).modules().build();
        assertThatThrownBy(() -> service.spending(new SpendingQuery(noModule, null, null, null, B1, null)))
                .isInstanceOf(AiNotEnabledException.class);
    }

    @Test
    void theRangeFollowsTheUsageRules() {
        assertThatThrownBy(() -> service.spending(new SpendingQuery(platform, NOW, NOW, null, null, null)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.spending(new SpendingQuery(platform, NOW.minus(Duration.ofDays(367)), NOW,
                null, null, null))).isInstanceOf(ValidationException.class);
        SpendingReport longest = service.spending(new SpendingQuery(platform, NOW.minus(Duration.ofDays(366)), NOW,
                null, null, null));
        assertThat(longest.rows()).isEmpty();
        assertThat(longest.totals()).isEqualTo(UsageTotals.ZERO);
        SpendingReport fromOnly = service.spending(new SpendingQuery(platform, NOW.minus(Duration.ofDays(90)), null,
                null, null, null));
        assertThat(fromOnly.to()).isEqualTo(NOW.minus(Duration.ofDays(60)));
    }

    @Test
    void manyGroupsAreCappedWhileTheTotalsCoverThemAll() {
        for (int i = 0; i <= AdminBillingService.MAX_GROUPS; i++) {
            call("c1", "b1", "user-" + i, 1 + i, TurnOutcome.COMPLETED, 60);
        }
        SpendingReport report = service.spending(new SpendingQuery(platform, null, null, null, null,
                UsageGrouping.USER));
        assertThat(report.truncated()).isTrue();
        assertThat(report.rows()).hasSize(AdminBillingService.MAX_GROUPS);
        assertThat(report.rows().get(0).userId()).isEqualTo(new UserId("user-" + AdminBillingService.MAX_GROUPS));
        assertThat(report.totals().calls()).isEqualTo(AdminBillingService.MAX_GROUPS + 1);
        assertThat(report.rows().stream().mapToLong(r -> r.totals().credits()).sum())
                .isLessThan(report.totals().credits());
    }

    @Test
    void theLedgerIsTheNamedWalletsNewestFirstAPageAtATime() {
        for (int i = 0; i < 5; i++) {
            history.add(C1, B1, new WalletEntry("e" + i, WalletEntry.Kind.TOP_UP, 10, 10L * (i + 1), null, "r",
                    NOW.minusSeconds(100 - i)));
        }
        history.add(C1, null, new WalletEntry("client-wide", WalletEntry.Kind.TOP_UP, 1, 1L, null, "r", NOW));
        history.add(C2, B1, new WalletEntry("other-client", WalletEntry.Kind.TOP_UP, 1, 1L, null, "r", NOW));

        for (Caller admin : List.of(platform, brandAdmin, superadmin)) {
            Page<WalletEntry> first = service.ledger(new WalletLedgerQuery(admin, null, B1, PageRequest.first(3)));
            assertThat(first.items()).extracting(WalletEntry::id).containsExactly("e4", "e3", "e2");
            Page<WalletEntry> second = service.ledger(new WalletLedgerQuery(admin, C1, B1,
                    new PageRequest(3, first.nextCursor())));
            assertThat(second.items()).extracting(WalletEntry::id).containsExactly("e1", "e0");
            assertThat(second.nextCursor()).isNull();
        }
        assertThat(service.ledger(new WalletLedgerQuery(platform, null, null, PageRequest.first(10))).items())
                .extracting(WalletEntry::id).containsExactly("client-wide");
        assertThat(service.ledger(new WalletLedgerQuery(platform, C2, B1, PageRequest.first(10))).items())
                .extracting(WalletEntry::id).containsExactly("other-client");
    }

    @Test
    void openHoldsCarryTheirAgeAndSum() {
        history.hold(C1, B1, new HeldCredits.Hold("r1", 40, NOW.minusSeconds(90)));
        history.hold(C1, B1, new HeldCredits.Hold("r2", 2, NOW.minusSeconds(5)));
        history.hold(C1, B1, new HeldCredits.Hold("r3", 1, NOW.plusMillis(20))); // another instance's clock ahead
        history.hold(C2, B1, new HeldCredits.Hold("elsewhere", 99, NOW.minusSeconds(5)));

        for (Caller admin : List.of(platform, brandAdmin)) {
            OpenHoldsReport report = service.openHolds(new OpenHoldsQuery(admin, null, B1));
            assertThat(report.asOf()).isEqualTo(NOW);
            assertThat(report.clientId()).isEqualTo(C1);
            assertThat(report.holds()).extracting(OpenHoldsReport.Hold::reservationId, OpenHoldsReport.Hold::age)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("r1", Duration.ofSeconds(90)),
                            org.assertj.core.groups.Tuple.tuple("r2", Duration.ofSeconds(5)),
                            org.assertj.core.groups.Tuple.tuple("r3", Duration.ZERO));
            assertThat(report.total()).isEqualTo(43);
            assertThat(report.count()).isEqualTo(3);
            assertThat(report.truncated()).isFalse();
        }
        assertThat(service.openHolds(new OpenHoldsQuery(platform, C2, B1)).total()).isEqualTo(99);
        assertThat(service.openHolds(new OpenHoldsQuery(platform, C2, null)).holds()).isEmpty();
    }

    @Test
    void theGroupingIsParsedStrictly() {
        assertThat(UsageGrouping.parse(null)).isEqualTo(UsageGrouping.CLIENT);
        assertThat(UsageGrouping.parse("brand")).isEqualTo(UsageGrouping.BRAND);
        for (String bad : List.of("BRAND", "users", "client,brand", "0")) {
            assertThatThrownBy(() -> UsageGrouping.parse(bad)).isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void totalsCountEveryCallInExactlyOneOutcome() {
        assertThatThrownBy(() -> new UsageTotals(2, 0, 0, 0, 1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        Consumer<TurnOutcome> one = outcome -> assertThat(UsageTotals.of(entry("c1", null, "u", 1, outcome, NOW))
                .calls()).isEqualTo(1);
        Stream.of(TurnOutcome.values()).forEach(one);
        assertThat(new UsageSummary(C1, null, null, UsageTotals.ZERO).totals()).isEqualTo(UsageTotals.ZERO);
    }

    private void call(String client, String brand, String user, long credits, TurnOutcome outcome,
                      long minutesAgo) {
        usage.record(entry(client, brand, user, credits, outcome, NOW.minus(Duration.ofMinutes(minutesAgo))));
    }

    private static UsageEntry entry(String client, String brand, String user, long credits, TurnOutcome outcome,
                                    Instant at) {
        return new UsageEntry(new UserId(user), new ClientId(client), brand == null ? null : new BrandId(brand),
                null, new ProviderId("stub"), "m", "chat", new TokenUsage(10, 5), Duration.ofMillis(3), credits,
                outcome, at);
    }
}
