package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AI_AUTH_FAILURES_PER_MINUTE reaches the web edge: past it, the address gets 429 even with a valid token. */
class AuthThrottleSystemTest {
    @TempDir
    Path dataDir;

    @Test
    void repeatedAuthenticationFailuresFromOneAddressAreAnswered429() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("AI_AUTH_FAILURES_PER_MINUTE", "2"))) {
            String alice = RunningServer.adminToken("alice");
            assertThat(server.get("/v1/ai/chats", alice).status()).isEqualTo(200);
            String forged = alice.substring(0, alice.lastIndexOf('.') + 1) + "AAAA";
            for (int i = 0; i < 3; i++) {
                assertThat(server.get("/v1/ai/chats", forged).status()).isEqualTo(401);
            }

            RunningServer.Response refused = server.get("/v1/ai/chats", alice);

            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.json().get("code").asText()).isEqualTo("rate_limited");
            assertThat(refused.headers().get("retry-after")).singleElement()
                    .satisfies(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
            assertThat(server.get("/healthz", null).status()).isEqualTo(200);
        }
    }
}
