package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user request limit over HTTP: the request past the configured count gets 429 with its headers. */
class RateLimitSystemTest {
    @TempDir
    Path dataDir;

    @Test
    void theRequestPastTheLimitIsRefusedWithRetryAfterAndStoresNothing() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("AI_RATE_USER_RPM", "3"))) {
            String alice = RunningServer.adminToken("alice");
            String bob = RunningServer.adminToken("bob");
            String chatId = server.post("/v1/ai/chats", alice, "{}").json().get("id").asText();
            awayFromAMinuteBoundary();
            for (int i = 0; i < 3; i++) {
                assertThat(server.post("/v1/ai/chats/" + chatId + "/messages", alice, "{\"content\":\"hi\"}")
                        .status()).isEqualTo(200);
            }

            RunningServer.Response refused = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                    "{\"content\":\"one too many\"}");

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(refused.headers().get("retry-after")).singleElement()
                    .satisfies(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
            assertThat(refused.headers().get("ratelimit")).singleElement().asString().contains("limit=3");
            assertThat(server.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items")).hasSize(6);

            String bobsChat = server.post("/v1/ai/chats", bob, "{}").json().get("id").asText();
            assertThat(server.post("/v1/ai/chats/" + bobsChat + "/messages", bob, "{\"content\":\"hi\"}").status())
                    .as("another user has their own budget").isEqualTo(200);
        }
    }

    /** Limits count in windows aligned to the minute: start well inside one so all requests share it. */
    private static void awayFromAMinuteBoundary() {
        long second = java.time.Instant.now().getEpochSecond() % 60;
        if (second > 45) {
            try {
                Thread.sleep((61 - second) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
