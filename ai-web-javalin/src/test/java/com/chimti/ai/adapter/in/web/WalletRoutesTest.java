package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.testing.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class WalletRoutesTest extends WebTestBase {
    private final String platformToken = TestTokens.valid(Callers.aCaller().user("ops").client("platform")
            .roles(Role.PLATFORM_ADMIN).modules().build());

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder.wallet(core.walletService).usage(core.usageService);
    }

    @Test
    void aPlatformAdminTopsUpOncePerKeyAndTheClientSeesItsWallet() {
        String body = "{\"clientId\":\"w-client-1\",\"amount\":500,\"reason\":\"invoice 1\",\"idempotencyKey\":\"k-1\","
                + "\"balance\":999999,\"reserved\":7,\"walletId\":\"mine\"}";
        HttpResponse<String> first = post("/v1/ai/wallet/credits", platformToken, body);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode wallet = json(first);
        assertThat(wallet.get("clientId").asText()).isEqualTo("w-client-1");
        assertThat(wallet.get("brandId").isNull()).isTrue();
        assertThat(wallet.get("balance").asLong()).isEqualTo(500);
        assertThat(wallet.get("reserved").asLong()).isZero();
        assertThat(wallet.get("walletId").asText()).isNotEqualTo("mine");

        HttpResponse<String> again = post("/v1/ai/wallet/credits", platformToken, body);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(wallet);

        String clientToken = TestTokens.valid(Callers.aCaller().user("reader").client("w-client-1").build());
        HttpResponse<String> read = get("/v1/ai/wallet", clientToken);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("walletId").asText()).isEqualTo(wallet.get("walletId").asText());
        assertThat(json(read).get("balance").asLong()).isEqualTo(500);
    }

    @Test
    void theSameKeyWithADifferentBodyIsAConflict() {
        post("/v1/ai/wallet/credits", platformToken,
                "{\"clientId\":\"w-client-2\",\"amount\":5,\"reason\":\"r\",\"idempotencyKey\":\"k-2\"}");
        assertProblem(post("/v1/ai/wallet/credits", platformToken,
                "{\"clientId\":\"w-client-2\",\"amount\":6,\"reason\":\"r\",\"idempotencyKey\":\"k-2\"}"), 409,
                "conflict");
        assertThat(core.wallets.find(new ClientId("w-client-2"), null).orElseThrow().balance()).isEqualTo(5);
    }

    @Test
    void onlyPlatformAdminsMayTopUpAndARefusalWritesNothing() {
        int ledger = core.wallets.ledger().size();
        String body = "{\"clientId\":\"c1\",\"amount\":5,\"reason\":\"r\",\"idempotencyKey\":\"k-x\"}";
        assertProblem(post("/v1/ai/wallet/credits", adminToken, body), 403, "forbidden");
        String superAdmin = TestTokens.valid(Callers.aCaller().user("sa").roles(Role.BRAND_SUPERADMIN).build());
        assertProblem(post("/v1/ai/wallet/credits", superAdmin, body), 403, "forbidden");
        assertThat(core.wallets.ledger()).hasSize(ledger);
        assertThat(core.wallets.find(new ClientId("c1"), null)).isEmpty();
    }

    @Test
    void aTopUpNeedsAPositiveIntegerAmountAReasonAndAKey() {
        int ledger = core.wallets.ledger().size();
        for (String body : new String[] {
                "{\"clientId\":\"w3\",\"amount\":0,\"reason\":\"r\",\"idempotencyKey\":\"k\"}",
                "{\"clientId\":\"w3\",\"amount\":-5,\"reason\":\"r\",\"idempotencyKey\":\"k\"}",
                "{\"clientId\":\"w3\",\"amount\":1.5,\"reason\":\"r\",\"idempotencyKey\":\"k\"}",
                "{\"clientId\":\"w3\",\"amount\":\"5\",\"reason\":\"r\",\"idempotencyKey\":\"k\"}",
                "{\"clientId\":\"w3\",\"amount\":99999999999999999999,\"reason\":\"r\",\"idempotencyKey\":\"k\"}",
                "{\"clientId\":\"w3\",\"reason\":\"r\",\"idempotencyKey\":\"k\"}",
                "{\"clientId\":\"w3\",\"amount\":5,\"idempotencyKey\":\"k\"}",
                "{\"clientId\":\"w3\",\"amount\":5,\"reason\":\"r\"}",
                "{\"clientId\":\"w3\",\"amount\":5,\"reason\":\"r\",\"idempotencyKey\":\" \"}",
                "{\"amount\":5,\"reason\":\"r\",\"idempotencyKey\":\"k\"}",
                "",
                "[1]"}) {
            assertProblem(post("/v1/ai/wallet/credits", platformToken, body), 400, "validation_failed");
        }
        assertThat(core.wallets.ledger()).hasSize(ledger);
        assertThat(core.wallets.find(new ClientId("w3"), null)).isEmpty();
    }

    @Test
    void readingAWalletIs404WithoutOneAnd403ForABrandOutOfScope() {
        String token = TestTokens.valid(Callers.aCaller().user("nowallet").client("w-client-4").build());
        assertProblem(get("/v1/ai/wallet", token), 404, "not_found");
        assertProblem(get("/v1/ai/wallet?brandId=b9", token), 403, "forbidden");
        core.wallets.create(new ClientId("w-client-4"), new BrandId("b1"), 42);
        HttpResponse<String> brand = get("/v1/ai/wallet?brandId=b1", token);
        assertThat(brand.statusCode()).isEqualTo(200);
        assertThat(json(brand).get("brandId").asText()).isEqualTo("b1");
        assertThat(json(brand).get("balance").asLong()).isEqualTo(42);
        assertProblem(get("/v1/ai/wallet", token), 404, "not_found");
        assertProblem(get("/v1/ai/wallet", null), 401, "unauthenticated");
    }

    @Test
    void aTurnTheWalletCannotCoverIs402AndStoresNothing() {
        Caller poor = Callers.aCaller().user("poor").client("w-client-5").build();
        String token = TestTokens.valid(poor);
        Wallet wallet = core.wallets.create(poor.clientId(), null, 2);
        String chatId = createChat(token, "{}");
        Rows before = rows();
        int calls = core.provider.requests().size();

        assertProblem(post("/v1/ai/chats/" + chatId + "/messages", token, "{\"content\":\"hello\"}"), 402,
                "insufficient_credits");

        assertProblem(send(request("/v1/ai/chats/" + chatId + "/messages", token)
                .header("Content-Type", "application/json").header("Accept", "text/event-stream")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"content\":\"hello\"}"))), 402,
                "insufficient_credits");

        assertThat(rows()).isEqualTo(before);
        assertThat(core.provider.requests()).hasSize(calls);
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(2L, 0L);
    }

    @Test
    void aPaidTurnReportsItsCredits() {
        Caller rich = Callers.aCaller().user("rich").client("w-client-6").build();
        String token = TestTokens.valid(rich);
        Wallet wallet = core.wallets.create(rich.clientId(), null, 1000);
        String chatId = createChat(token, "{}");

        HttpResponse<String> turn = post("/v1/ai/chats/" + chatId + "/messages", token, "{\"content\":\"hi\"}");
        assertThat(turn.statusCode()).as(turn.body()).isEqualTo(200);
        assertThat(json(turn).at("/usage/credits").asLong()).isEqualTo(3);
        assertThat(json(turn).at("/assistantMessage/metadata/credits").asLong()).isEqualTo(3);
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow().balance()).isEqualTo(997);

        JsonNode usage = json(get("/v1/ai/usage", token));
        assertThat(usage.at("/totals/credits").asLong()).isEqualTo(3);
        assertThat(usage.at("/items/0/credits").asLong()).isEqualTo(3);
    }
}
