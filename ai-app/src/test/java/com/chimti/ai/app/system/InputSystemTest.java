package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.core.domain.billing.Wallet;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's input cases that only PostgreSQL turned into 500s, sent over HTTP to a real server on the embedded
 * database: a NUL in any text field, a top-up over the bigint range or over the wallet maximum. Each is a 4xx with
 * its code, and the tables hold exactly what they held before.
 */
class InputSystemTest {
    @TempDir
    Path dataDir;

    private static long rows(RunningServer server, String table) {
        return server.server.instance(Database.class).jdbi().withHandle(handle ->
                handle.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
    }

    private static void assertProblem(RunningServer.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("code").asText()).isEqualTo(code);
        assertThat(response.body()).doesNotContain("Exception", "bigint", "\\u0000");
    }

    @Test
    void nulAndOverflowingNumbersAre400AndWriteNothing() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            String platform = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"), true);
            String alice = RunningServer.token("alice", "client-1", List.of("brand-1"), List.of("BRAND_ADMIN"), true);
            String chatId = server.newChat(alice);
            long chats = rows(server, "ai_chats");
            long messages = rows(server, "ai_messages");
            long usage = rows(server, "usage_log");
            long ledger = rows(server, "wallet_ledger");
            long wallets = rows(server, "wallet");

            assertProblem(server.post("/v1/ai/chats", alice, "{\"title\":\"a\\u0000b\"}"), 400, "validation_failed");
            assertProblem(server.send("PATCH", "/v1/ai/chats/" + chatId, alice, "{\"title\":\"\\u0000\"}", Map.of()),
                    400, "validation_failed");
            assertProblem(server.post("/v1/ai/chats/" + chatId + "/messages", alice, "{\"content\":\"x\\u0000\"}"),
                    400, "validation_failed");
            assertProblem(server.post("/chat", alice, "{\"mode\":\"chat\",\"message\":\"x\\u0000\"}"), 400,
                    "validation_failed");
            assertProblem(server.post("/v1/ai/wallet/credits", platform, "{\"clientId\":\"client-1\",\"amount\":5,"
                    + "\"reason\":\"r\\u0000\",\"idempotencyKey\":\"k-1\"}"), 400, "validation_failed");
            assertProblem(server.post("/v1/ai/wallet/credits", platform, "{\"clientId\":\"client-1\",\"amount\":5,"
                    + "\"reason\":\"r\",\"idempotencyKey\":\"k\\u0000\"}"), 400, "validation_failed");
            assertProblem(server.post("/v1/ai/wallet/credits", platform, "{\"clientId\":\"client-1\","
                    + "\"amount\":9223372036854775807,\"reason\":\"r\",\"idempotencyKey\":\"k-2\"}"), 400,
                    "validation_failed");
            assertProblem(server.get("/v1/ai/usage?from=%2B1000000000-01-01T00:00:00Z", alice), 400,
                    "validation_failed");

            assertThat(List.of(rows(server, "ai_chats"), rows(server, "ai_messages"), rows(server, "usage_log"),
                    rows(server, "wallet_ledger"), rows(server, "wallet")))
                    .containsExactly(chats, messages, usage, ledger, wallets);
        }
    }

    @Test
    void aWalletStopsAtItsMaximumInTheGuardedUpdate() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            String platform = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"), true);
            String topUp = "{\"clientId\":\"client-1\",\"amount\":%d,\"reason\":\"r\",\"idempotencyKey\":\"%s\"}";
            RunningServer.Response full = server.post("/v1/ai/wallet/credits", platform,
                    String.format(topUp, Wallet.MAX_BALANCE - 10, "k-1"));
            assertThat(full.status()).as(full.body()).isEqualTo(200);
            long ledger = rows(server, "wallet_ledger");

            assertProblem(server.post("/v1/ai/wallet/credits", platform, String.format(topUp, 11, "k-2")), 409,
                    "conflict");
            assertProblem(server.post("/v1/ai/wallet/credits", platform,
                    String.format(topUp, Wallet.MAX_BALANCE, "k-3")), 409, "conflict");
            assertThat(rows(server, "wallet_ledger")).as("the refused top-ups left no ledger row").isEqualTo(ledger);

            RunningServer.Response last = server.post("/v1/ai/wallet/credits", platform, String.format(topUp, 10, "k-4"));
            assertThat(last.status()).as(last.body()).isEqualTo(200);
            assertThat(last.json().get("balance").asLong()).isEqualTo(Wallet.MAX_BALANCE);
        }
    }
}
