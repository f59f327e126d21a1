package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.billing.HeldCredits;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.WalletEntry;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.service.billing.AdminBillingService;
import com.chimti.ai.core.testing.Callers;
import com.chimti.ai.core.testing.InMemoryWalletHistory;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminBillingRoutesTest extends WebTestBase {
    private final Instant now = Instant.now();
    private final InMemoryWalletHistory history = new InMemoryWalletHistory();
    private final Caller platform = Callers.aCaller().user("ops").client("c1").roles(Role.PLATFORM_ADMIN).build();
    private final Caller brandAdmin = Callers.aCaller().user("ba").client("c1").brands("b1").build();
    private final Caller store = Callers.aCaller().user("st").client("c1").brands("b1").roles(Role.STORE)
            .aiAccess(true).build();

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder.adminBilling(new AdminBillingService(core.usage, history, new AiAccessPolicy(),
                Clock.systemUTC()));
    }

    @BeforeAll
    void seed() {
        record("c1", "b1", "u1", 10, TurnOutcome.COMPLETED);
        record("c1", "b1", "u2", 4, TurnOutcome.TIMED_OUT);
        record("c2", "b1", "u1", 50, TurnOutcome.FAILED);
        ClientId c1 = new ClientId("c1");
        BrandId b1 = new BrandId("b1");
        for (int i = 0; i < 3; i++) {
            history.add(c1, b1, new WalletEntry("e" + i, WalletEntry.Kind.TOP_UP, 10, 10L * (i + 1), null, "r" + i,
                    now.minusSeconds(60 - i)));
        }
        history.hold(c1, b1, new HeldCredits.Hold("h1", 6, now.minusSeconds(30)));
    }

    @Test
    void theUsageReportAddsUpPerGroupWithOutcomesByTheirWireNames() {
        JsonNode all = json(get("/v1/ai/admin/usage", TestTokens.valid(platform)));
        assertThat(all.get("groupBy").asText()).isEqualTo("client");
        assertThat(all.get("clientId").isNull()).isTrue();
        assertThat(list(all.get("rows"), "clientId")).containsExactly("c2", "c1");
        assertThat(all.at("/totals/credits").asLong()).isEqualTo(64);
        assertThat(all.at("/totals/outcomes/timed_out").asLong()).isEqualTo(1);
        assertThat(all.at("/totals/outcomes/failed").asLong()).isEqualTo(1);

        JsonNode users = json(get("/v1/ai/admin/usage?groupBy=user&brandId=b1", TestTokens.valid(brandAdmin)));
        assertThat(users.get("clientId").asText()).isEqualTo("c1");
        assertThat(list(users.get("rows"), "userId")).containsExactly("u1", "u2");
        assertThat(users.at("/rows/1/outcomes/timed_out").asLong()).isEqualTo(1);
        assertThat(users.at("/rows/0/brandId").isNull()).isTrue();
    }

    @Test
    void theLedgerPagesWithTheUsualCursorAndHoldsCarryTheirAge() {
        JsonNode first = json(get("/v1/ai/admin/wallet/ledger?brandId=b1&limit=2", TestTokens.valid(brandAdmin)));
        assertThat(list(first.get("items"), "id")).containsExactly("e2", "e1");
        assertThat(first.at("/items/0/kind").asText()).isEqualTo("top_up");
        assertThat(first.at("/items/0/balanceAfter").asLong()).isEqualTo(30);
        JsonNode second = json(get("/v1/ai/admin/wallet/ledger?brandId=b1&limit=2&cursor="
                + first.get("nextCursor").asText(), TestTokens.valid(brandAdmin)));
        assertThat(list(second.get("items"), "id")).containsExactly("e0");
        assertThat(second.get("nextCursor").isNull()).isTrue();

        JsonNode holds = json(get("/v1/ai/admin/wallet/holds?clientId=c1&brandId=b1", TestTokens.valid(platform)));
        assertThat(holds.at("/holds/0/reservationId").asText()).isEqualTo("h1");
        assertThat(holds.at("/holds/0/ageSeconds").asLong()).isBetween(29L, 90L);
        assertThat(holds.get("total").asLong()).isEqualTo(6);
    }

    @Test
    void nonAdminsAreRefusedBeforeAnyParameterIsReadAndAdminsOutOfScopeToo() {
        for (String path : List.of("/v1/ai/admin/usage?groupBy=bogus", "/v1/ai/admin/wallet/ledger?limit=0",
                "/v1/ai/admin/wallet/holds?brandId=b1")) {
            assertProblem(get(path, TestTokens.valid(store)), 403, "forbidden");
        }
        for (String path : List.of("/v1/ai/admin/usage", "/v1/ai/admin/usage?clientId=c2&brandId=b1",
                "/v1/ai/admin/wallet/ledger?brandId=b2", "/v1/ai/admin/wallet/holds")) {
            assertProblem(get(path, TestTokens.valid(brandAdmin)), 403, "forbidden");
        }
    }

    @Test
    void malformedParametersAre400() {
        for (String path : List.of("/v1/ai/admin/usage?groupBy=brands", "/v1/ai/admin/usage?from=soon",
                "/v1/ai/admin/usage?clientId=" + "x".repeat(129), "/v1/ai/admin/wallet/ledger?limit=201",
                "/v1/ai/admin/wallet/ledger?cursor=bm9wZQ", "/v1/ai/admin/wallet/holds?brandId=" + "b".repeat(129))) {
            assertProblem(get(path, TestTokens.valid(platform)), 400, "validation_failed");
        }
    }

    private void record(String client, String brand, String user, long credits, TurnOutcome outcome) {
        core.usage.record(new UsageEntry(new UserId(user), new ClientId(client), new BrandId(brand), null,
                new ProviderId("fake"), "fake-1", "chat", new TokenUsage(10, 5), Duration.ofMillis(3), credits,
                outcome, now.minusSeconds(120)));
    }
}
