package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
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
            // a bucket of 3 refilled one request every 20 s: 3 pass, plus any that refilled while they ran
            long started = System.nanoTime();
            int passed = 0;
            RunningServer.Response refused;
            while ((refused = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                    "{\"content\":\"hi\"}")).status() == 200 && passed < 20) {
                passed++;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            assertThat((long) passed).isBetween(3L, TokenBucketBounds.mostAllowed(3, Duration.ofMinutes(1), elapsed));

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(refused.headers().get("retry-after")).singleElement()
                    .satisfies(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
            assertThat(refused.headers().get("ratelimit")).singleElement().asString().contains("limit=3");
            assertThat(server.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items")).hasSize(2 * passed);

            String bobsChat = server.post("/v1/ai/chats", bob, "{}").json().get("id").asText();
            assertThat(server.post("/v1/ai/chats/" + bobsChat + "/messages", bob, "{\"content\":\"hi\"}").status())
                    .as("another user has their own budget").isEqualTo(200);
        }
    }
}
