package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.testing.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsageRoutesTest extends WebTestBase {
    private final Caller brandAdmin = Callers.aCaller().user("u-admin").client("u-client").build();
    private final Caller staff = Callers.aCaller().user("u-staff").client("u-client").roles(Role.STORE)
            .aiAccess(true).build();
    private final Instant now = Instant.now();

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder.usage(core.usageService);
    }

    @BeforeAll
    void seed() {
        record(staff, "b1", 100, 10, 3, now.minusSeconds(60));
        record(staff, "b2", 50, 5, 2, now.minusSeconds(30));
        record(brandAdmin, "b1", 7, 7, 7, now.minusSeconds(10));
        record(staff, "b1", 1, 1, 1, now.minus(Duration.ofDays(40)));
    }

    @Test
    void aCallerSeesTheirOwnRowsOfTheLast30Days() {
        HttpResponse<String> response = get("/v1/ai/usage", TestTokens.valid(staff));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("items")).hasSize(2);
        JsonNode newest = body.get("items").get(0);
        assertThat(newest.get("provider").asText()).isEqualTo("fake");
        assertThat(newest.get("model").asText()).isEqualTo("fake-1");
        assertThat(newest.get("kind").asText()).isEqualTo("chat");
        assertThat(newest.get("inputTokens").asLong()).isEqualTo(50);
        assertThat(newest.get("outputTokens").asLong()).isEqualTo(5);
        assertThat(newest.get("credits").asLong()).isEqualTo(2);
        assertThat(newest.get("chatId").asText()).isEqualTo("chat-1");
        assertThat(Instant.parse(newest.get("at").asText())).isEqualTo(now.minusSeconds(30));
        JsonNode totals = body.get("totals");
        assertThat(totals.get("inputTokens").asLong()).isEqualTo(150);
        assertThat(totals.get("outputTokens").asLong()).isEqualTo(15);
        assertThat(totals.get("credits").asLong()).isEqualTo(5);
        assertThat(totals.get("calls").asLong()).isEqualTo(2);
    }

    @Test
    void anExplicitRangeIsHonoured() {
        String from = now.minus(Duration.ofDays(41)).toString();
        String to = now.minus(Duration.ofDays(39)).toString();
        JsonNode body = json(get("/v1/ai/usage?from=" + from + "&to=" + to, TestTokens.valid(staff)));
        assertThat(body.get("items")).hasSize(1);
        assertThat(body.at("/totals/calls").asLong()).isEqualTo(1);
    }

    @Test
    void aBrandAdminMayReadAWholeBrandInScope() {
        JsonNode body = json(get("/v1/ai/usage?brandId=b1", TestTokens.valid(brandAdmin)));
        assertThat(body.get("items")).hasSize(2);
        assertThat(body.at("/totals/credits").asLong()).isEqualTo(10);
        assertProblem(get("/v1/ai/usage?brandId=b9", TestTokens.valid(brandAdmin)), 403, "forbidden");
        assertProblem(get("/v1/ai/usage?brandId=b1", TestTokens.valid(staff)), 403, "forbidden");
    }

    @Test
    void badRangesAre400() {
        String token = TestTokens.valid(staff);
        assertProblem(get("/v1/ai/usage?from=yesterday", token), 400, "validation_failed");
        assertProblem(get("/v1/ai/usage?to=2026-13-01T00:00:00Z", token), 400, "validation_failed");
        assertProblem(get("/v1/ai/usage?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", token), 400,
                "validation_failed");
        assertProblem(get("/v1/ai/usage?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", token), 400,
                "validation_failed");
    }

    @Test
    void withoutAiAccessItIs403() {
        Caller noAi = Callers.aCaller().user("u-none").client("u-client").roles(Role.STORE).build();
        assertProblem(get("/v1/ai/usage", TestTokens.valid(noAi)), 403, "ai_not_enabled");
        assertProblem(get("/v1/ai/usage", null), 401, "unauthenticated");
    }

    private void record(Caller caller, String brand, long in, long out, long credits, Instant at) {
        core.usage.record(new UsageEntry(caller.userId(), caller.clientId(), new BrandId(brand), new ChatId("chat-1"),
                new ProviderId("fake"), "fake-1", "chat", new TokenUsage(in, out), Duration.ofMillis(5), credits,
                TurnOutcome.COMPLETED, at));
    }
}
