package com.chimti.ai.adapter.out.persistence.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.persistence.billing.JdbiTurnSettlements;
import com.chimti.ai.adapter.out.persistence.billing.JdbiUsageLedger;
import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.audit.AuditFilter;
import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.RequestId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.out.LoginRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The audit trail on every PostgreSQL: pages newest first without gaps or repeats across equal instants, filters
 * as the read route needs, and the table refuses every update and delete. Also the request id on usage rows, and
 * a login's move to a final state reported once when two instances save it.
 */
abstract class AuditTrailContract extends DatabaseContract {
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00.123456Z");
    private static final Instant FROM = AT.minus(Duration.ofDays(1));
    private static final Instant TO = AT.plus(Duration.ofDays(1));

    private final ClientId client = TestData.client();
    private final UserId alice = TestData.user();
    private final UserId bob = TestData.user();

    private JdbiAuditTrail trail() {
        return new JdbiAuditTrail(instance().jdbi());
    }

    private AuditEvent event(Instant at, AuditEventType type, BrandId brand, UserId actor) {
        return new AuditEvent(TimeOrderedIds.next(), at, type, client, brand, actor, null, new RequestId("req-1"),
                Map.of("provider", "codex"));
    }

    @Test
    void pagesNewestFirstAcrossEqualInstantsWithoutGapsOrRepeats() {
        List<AuditEvent> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            written.add(event(AT, AuditEventType.MODEL_CHANGED, null, alice)); // one instant for all seven
        }
        written.add(event(AT.minusSeconds(5), AuditEventType.LOGGED_OUT, null, alice));
        written.add(event(AT.plusSeconds(5), AuditEventType.LOGIN_CONNECTED, null, alice));
        written.forEach(trail()::record);
        trail().record(new AuditEvent(TimeOrderedIds.next(), AT, AuditEventType.MODEL_CHANGED, TestData.client(),
                null, alice, null, null, Map.of())); // another client's, never listed

        List<AuditEvent> read = new ArrayList<>();
        PageCursor cursor = null;
        int pages = 0;
        do {
            Page<AuditEvent> page = trail().find(all(), new PageRequest(3, cursor));
            read.addAll(page.items());
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(read).extracting(AuditEvent::id).doesNotHaveDuplicates()
                .containsExactlyElementsOf(written.stream()
                        .sorted(Comparator.comparing(AuditEvent::at).thenComparing(AuditEvent::id).reversed())
                        .map(AuditEvent::id).toList());
        assertThat(read.get(0)).isEqualTo(written.get(8)); // round-trips whole: details, request id, brand
    }

    @Test
    void filtersByTypeUserAndBrandsKeepingEventsOfNoBrand() {
        AuditEvent brandA = event(AT, AuditEventType.ACTION_CONFIRMED, new BrandId("brand-a"), alice);
        AuditEvent brandB = event(AT, AuditEventType.ACTION_CONFIRMED, new BrandId("brand-b"), bob);
        AuditEvent noBrand = event(AT, AuditEventType.LOGGED_OUT, null, bob);
        AuditEvent aboutAlice = new AuditEvent(TimeOrderedIds.next(), AT, AuditEventType.USER_ERASED, client, null,
                bob, alice, null, Map.of());
        List.of(brandA, brandB, noBrand, aboutAlice).forEach(trail()::record);

        assertThat(ids(new AuditFilter(client, FROM, TO, AuditEventType.ACTION_CONFIRMED, null, null)))
                .containsExactlyInAnyOrder(brandA.id(), brandB.id());
        assertThat(ids(new AuditFilter(client, FROM, TO, null, alice, null)))
                .containsExactlyInAnyOrder(brandA.id(), aboutAlice.id()); // as actor or as subject
        assertThat(ids(new AuditFilter(client, FROM, TO, null, null, Set.of(new BrandId("brand-a")))))
                .containsExactlyInAnyOrder(brandA.id(), noBrand.id(), aboutAlice.id());
        assertThat(ids(new AuditFilter(client, FROM, TO, null, null, Set.of())))
                .containsExactlyInAnyOrder(noBrand.id(), aboutAlice.id());
        assertThat(ids(new AuditFilter(client, AT.plusNanos(1_000), TO, null, null, null))).isEmpty();
    }

    @Test
    void theTableRefusesEveryUpdateAndDelete() {
        AuditEvent event = event(AT, AuditEventType.WALLET_TOPPED_UP, null, alice);
        trail().record(event);

        assertThatThrownBy(() -> instance().jdbi().useHandle(h -> h.execute(
                "UPDATE ai_audit_events SET details = '{}'::jsonb WHERE id = ?", event.id())))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> instance().jdbi().useHandle(h -> h.execute(
                "DELETE FROM ai_audit_events WHERE id = ?", event.id())))
                .hasMessageContaining("append-only");
        assertThat(ids(all())).containsExactly(event.id());
    }

    @Test
    void usageRowsKeepTheRequestIdFromTheLedgerAndFromASettlement() {
        new JdbiUsageLedger(instance().jdbi()).record(usage(new RequestId("req-ledger")));
        new JdbiTurnSettlements(instance().jdbi()).commit(TurnSettlement.unbilled(usage(new RequestId("req-turn")), null));
        new JdbiUsageLedger(instance().jdbi()).record(usage(null));

        List<UsageEntry> rows = instance().usageLedger().find(client, null, alice, FROM, TO, 10);
        assertThat(rows).extracting(UsageEntry::requestId).containsExactlyInAnyOrder(new RequestId("req-ledger"),
                new RequestId("req-turn"), null);
    }

    /** Two instances that end one login alike: exactly one save is told it changed the state. */
    @Test
    void aLoginsMoveToAFinalStateIsReportedOnceWhenTwoInstancesSaveIt() throws Exception {
        TenantUser owner = new TenantUser(client, alice);
        AiLogin ended = null;
        for (int round = 0; round < 5; round++) {
            AiLogin pending = new AiLogin(LoginId.newId(), owner, TestData.CODEX, LoginState.PENDING, null, AT,
                    AT.plusSeconds(600), AT);
            assertThat(instance().loginRepository().save(pending)).isTrue();
            AiLogin connected = pending.ended(LoginState.CONNECTED, null, AT.plusSeconds(1));
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Boolean>> saves = new ArrayList<>();
                for (LoginRepository repository : List.of(instance().loginRepository(),
                        otherInstance().loginRepository())) {
                    saves.add(pool.submit((Callable<Boolean>) () -> {
                        start.await();
                        return repository.save(connected);
                    }));
                }
                start.countDown();
                assertThat(List.of(saves.get(0).get(), saves.get(1).get())).containsOnlyOnce(true);
            } finally {
                pool.shutdownNow();
            }
            ended = connected;
        }
        assertThat(instance().loginRepository().save(ended)).isFalse(); // the same state again: no change
    }

    private UsageEntry usage(RequestId requestId) {
        return new UsageEntry(alice, client, null, null, TestData.CODEX, "gpt-5", "chat", new TokenUsage(3, 4),
                Duration.ofMillis(5), 0, TurnOutcome.COMPLETED, AT, requestId);
    }

    private AuditFilter all() {
        return new AuditFilter(client, FROM, TO, null, null, null);
    }

    private List<String> ids(AuditFilter filter) {
        return trail().find(filter, new PageRequest(50, null)).items().stream().map(AuditEvent::id).toList();
    }
}
