package com.chimti.ai.core.service.audit;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.in.AuditQuery;
import com.chimti.ai.core.testing.InMemoryAuditTrail;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private final InMemoryAuditTrail trail = new InMemoryAuditTrail();
    private final AuditService service = new AuditService(trail, Clock.fixed(NOW, ZoneOffset.UTC));
    private final Caller platform = aCaller().user("ops").client("platform").roles(Role.PLATFORM_ADMIN)
            .modules().build();
    private final Caller brandAdmin = aCaller().user("bea").client("c1").brands("b1").roles(Role.BRAND_ADMIN)
            .build();

    private AuditEvent event(String client, String brand, AuditEventType type, Instant at) {
        return new AuditEvent(TimeOrderedIds.next(), at, type, new ClientId(client),
                brand == null ? null : new BrandId(brand), new UserId("u1"), null, null, Map.of());
    }

    private List<AuditEvent> read(Caller caller, ClientId clientId) {
        return service.events(new AuditQuery(caller, clientId, null, null, null, null, PageRequest.first(50)))
                .items();
    }

    @Test
    void aPlatformAdminReadsAnyClientOwnByDefault() {
        AuditEvent c1 = event("c1", "b2", AuditEventType.ACTION_CONFIRMED, NOW.minusSeconds(60));
        AuditEvent own = event("platform", null, AuditEventType.WALLET_TOPPED_UP, NOW.minusSeconds(30));
        trail.record(c1);
        trail.record(own);

        assertThat(read(platform, new ClientId("c1"))).containsExactly(c1);
        assertThat(read(platform, null)).containsExactly(own);
    }

    @Test
    void aBrandAdminReadsTheirBrandsAndTheClientsEventsOfNoBrand() {
        AuditEvent inScope = event("c1", "b1", AuditEventType.ACTION_EXECUTED, NOW.minusSeconds(3));
        AuditEvent noBrand = event("c1", null, AuditEventType.LOGIN_CONNECTED, NOW.minusSeconds(2));
        AuditEvent otherBrand = event("c1", "b2", AuditEventType.ACTION_EXECUTED, NOW.minusSeconds(1));
        AuditEvent otherClient = event("c2", "b1", AuditEventType.ACTION_EXECUTED, NOW.minusSeconds(1));
        List.of(inScope, noBrand, otherBrand, otherClient).forEach(trail::record);

        assertThat(read(brandAdmin, null)).containsExactly(noBrand, inScope);
        assertThat(read(brandAdmin, new ClientId("c1"))).containsExactly(noBrand, inScope);
        assertThatThrownBy(() -> read(brandAdmin, new ClientId("c2"))).isInstanceOf(OutOfScopeException.class);
    }

    @Test
    void everyoneElseIsRefused() {
        Caller store = aCaller().user("sam").client("c1").roles(Role.STORE).build();
        Caller nobody = aCaller().user("nia").client("c1").roles().build();

        assertThatThrownBy(() -> read(store, null)).isInstanceOf(OutOfScopeException.class);
        assertThatThrownBy(() -> read(nobody, null)).isInstanceOf(OutOfScopeException.class);
    }

    @Test
    void theRangeDefaultsToThirtyDaysAndIsChecked() {
        AuditEvent recent = event("platform", null, AuditEventType.LOGGED_OUT, NOW.minus(Duration.ofDays(29)));
        AuditEvent old = event("platform", null, AuditEventType.LOGGED_OUT, NOW.minus(Duration.ofDays(31)));
        trail.record(recent);
        trail.record(old);

        assertThat(read(platform, null)).containsExactly(recent);
        assertThatThrownBy(() -> service.events(new AuditQuery(platform, null, NOW, NOW, null, null,
                PageRequest.first(5)))).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> service.events(new AuditQuery(platform, null, NOW.minus(Duration.ofDays(400)),
                NOW, null, null, PageRequest.first(5)))).isInstanceOf(ValidationException.class);
    }

    @Test
    void pagesNewestFirstAndFiltersByTypeAndUser() {
        List<AuditEvent> written = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AuditEvent e = event("platform", null, AuditEventType.MODEL_CHANGED, NOW.minusSeconds(10));
            written.add(e);
            trail.record(e);
        }
        trail.record(event("platform", null, AuditEventType.LOGGED_OUT, NOW.minusSeconds(5)));

        List<AuditEvent> seen = new ArrayList<>();
        Page<AuditEvent> page = service.events(new AuditQuery(platform, null, null, null,
                AuditEventType.MODEL_CHANGED, new UserId("u1"), PageRequest.first(2)));
        seen.addAll(page.items());
        while (page.nextCursor() != null) {
            page = service.events(new AuditQuery(platform, null, null, null, AuditEventType.MODEL_CHANGED,
                    new UserId("u1"), new PageRequest(2, page.nextCursor())));
            seen.addAll(page.items());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(written).doesNotHaveDuplicates();
        assertThat(service.events(new AuditQuery(platform, null, null, null, null, new UserId("u2"),
                PageRequest.first(5))).items()).isEmpty();
    }
}
