package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepaid credits and usage over HTTP: top-ups, charges per turn, 402 before the provider runs. */
class CreditsSystemTest {
    @TempDir
    Path dataDir;

    @Test
    void turnsAreChargedUntilTheWalletIsEmptyThen402AndUsageShowsEveryCall() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of(
                "AI_CREDITS_BASE_PER_CALL", "5", "AI_MAX_OUTPUT_TOKENS_PER_TURN", "100"))) {
            String platform = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"), true);
            String alice = RunningServer.adminToken("alice");
            String chatId = server.post("/v1/ai/chats", alice, "{}").json().get("id").asText();

            // without a wallet, billing is off for the client
            assertThat(server.post("/v1/ai/chats/" + chatId + "/messages", alice, "{\"content\":\"free\"}").status())
                    .isEqualTo(200);
            assertThat(server.get("/v1/ai/wallet", alice).status()).isEqualTo(404);

            String topUp = "{\"clientId\":\"client-1\",\"amount\":20,\"reason\":\"trial\",\"idempotencyKey\":\"k-1\","
                    + "\"balance\":999999}";
            assertThat(server.post("/v1/ai/wallet/credits", alice, topUp).status()).isEqualTo(403);
            assertThat(server.post("/v1/ai/wallet/credits", platform, topUp).json().get("balance").asLong())
                    .isEqualTo(20);
            assertThat(server.post("/v1/ai/wallet/credits", platform, topUp).json().get("balance").asLong())
                    .as("the same idempotency key books once").isEqualTo(20);
            assertThat(server.post("/v1/ai/wallet/credits", platform, topUp.replace("20", "30")).status())
                    .isEqualTo(409);

            RunningServer.Response charged = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                    "{\"content\":\"first paid turn\"}");
            assertThat(charged.status()).as(charged.body()).isEqualTo(200);
            long credits = charged.json().at("/usage/credits").asLong();
            assertThat(credits).isGreaterThanOrEqualTo(5);
            JsonNode wallet = server.get("/v1/ai/wallet", alice).json();
            assertThat(wallet.get("balance").asLong()).isEqualTo(20 - credits);
            assertThat(wallet.get("reserved").asLong()).isZero();

            int messagesBefore = server.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items").size();
            RunningServer.Response refused = null;
            for (int i = 0; i < 10 && (refused == null || refused.status() == 200); i++) {
                refused = server.post("/v1/ai/chats/" + chatId + "/messages", alice, "{\"content\":\"more\"}");
            }
            assertThat(refused.status()).isEqualTo(402);
            assertThat(refused.json().get("code").asText()).isEqualTo("insufficient_credits");
            JsonNode after = server.get("/v1/ai/wallet", alice).json();
            assertThat(after.get("balance").asLong()).isNotNegative();
            int messagesAfter = server.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items").size();
            assertThat((messagesAfter - messagesBefore) % 2).as("a refused turn stores no message").isZero();

            JsonNode usage = server.get("/v1/ai/usage", alice).json();
            assertThat(usage.get("items").size()).isEqualTo(messagesAfter / 2);
            assertThat(usage.at("/totals/credits").asLong()).isEqualTo(20 - after.get("balance").asLong());
        }
    }
}
