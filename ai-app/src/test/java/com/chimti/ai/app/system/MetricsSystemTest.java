package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} over real HTTP: open without a token, Prometheus text, nothing about users or messages. */
class MetricsSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dataDir;

    @Test
    void aChatTurnShowsUpInTheMetricsWithoutAnyUserOrText() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            String alice = RunningServer.adminToken("alice-metrics-user");
            String chatId = server.post("/v1/ai/chats", alice, "{\"title\":\"Secret plans\",\"brandId\":\"brand-1\"}")
                    .json().get("id").asText();
            RunningServer.Response turn = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                    "{\"content\":\"Zanzibar tyre inventory question\"}");
            assertThat(turn.status()).isEqualTo(200);
            // a device login (started, then connected when polled, counted once), an API-key login
            String loginId = server.post("/v1/ai/account/login", alice, "{\"method\":\"device\"}").json()
                    .get("loginId").asText();
            assertThat(server.get("/v1/ai/account/login/" + loginId, alice).json().get("status").asText())
                    .isEqualTo("connected");
            server.get("/v1/ai/account/login/" + loginId, alice);
            assertThat(server.post("/v1/ai/account/login", RunningServer.adminToken("bob-metrics-user"),
                    "{\"method\":\"apiKey\",\"apiKey\":\"sk-metrics-0123456789abcdefghij\"}").status()).isEqualTo(200);
            assertThat(server.get("/v1/ai/chats/chat-id-xyz-unknown", alice).status()).isEqualTo(404);
            assertThat(server.get("/no/such/route-qwerty", alice).status()).isEqualTo(404);

            RunningServer.Response metrics = server.get("/metrics", null);

            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.headers().get("content-type")).anyMatch(t -> t.startsWith("text/plain"));
            String body = metrics.body();
            assertThat(body).containsPattern(
                    "codex_call_duration_ms_count\\{[^}]*provider=\"openai-stub\"[^}]*} 1(\\.0)?\\n");
            assertThat(body).contains("outcome=\"completed\"", "codex_call_duration_ms_bucket{");
            assertThat(body).containsPattern("codex_tokens_total\\{[^}]*direction=\"output\"[^}]*} [1-9]");
            assertThat(body).containsPattern("codex_tokens_total\\{[^}]*direction=\"input\"[^}]*} [1-9]");
            assertThat(body).contains("codex_errors_total{", "kind=\"not_connected\"", "codex_timeouts_total{");
            assertThat(body).containsPattern("(?m)^codex_cli_processes_active \\d");
            assertThat(body).containsPattern("(?m)^ai_sse_streams_active 0");
            assertThat(body).contains("jvm_memory_used_bytes{", "jvm_threads_live_threads", "jvm_gc_");
            // HTTP requests by route template, never the raw path
            assertThat(body).contains("http_server_requests_seconds_count{method=\"POST\",outcome=\"SUCCESS\","
                    + "status=\"200\",uri=\"/v1/ai/chats/{chatId}/messages\"} 1");
            assertThat(body).contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\","
                    + "status=\"404\",uri=\"/v1/ai/chats/{chatId}\"} 1");
            assertThat(body).contains("http_server_requests_seconds_count{method=\"GET\",outcome=\"CLIENT_ERROR\","
                    + "status=\"404\",uri=\"UNMATCHED\"} 1");
            assertThat(body).doesNotContain("chat-id-xyz-unknown", "route-qwerty", loginId);
            // login outcomes, rate-limit refusals (none yet), open reservations, the pool
            assertThat(body).contains("ai_login_outcomes_total{outcome=\"started\",provider=\"openai-stub\"} 1.0",
                    "ai_login_outcomes_total{outcome=\"connected\",provider=\"openai-stub\"} 2.0",
                    "ai_login_outcomes_total{outcome=\"expired\",provider=\"openai-stub\"} 0.0");
            assertThat(body).contains("ai_rate_limit_rejections_total{limit=\"user-rpm\"} 0.0",
                    "ai_rate_limit_rejections_total{limit=\"server-busy\"} 0.0");
            assertThat(body).containsPattern("(?m)^ai_wallet_reservations_open 0");
            assertThat(body).contains("hikaricp_connections_active{pool=\"chimti-ai\"}",
                    "hikaricp_connections_max{pool=\"chimti-ai\"} 10");
            assertThat(body).doesNotContain("alice", "metrics-user", chatId, "Zanzibar", "tyre", "Secret plans",
                    "client-1", "brand-1", "sk-metrics");
        }
    }

    /**
     * A turn that holds credits shows as an open reservation until it ends; turns refused by the per-user cap
     * and by the daily token limit show under their limit, with their 429s in the request series.
     */
    @Test
    void openReservationsAndRateLimitRefusalsShowUp() {
        // one stub word per 10 s: the first turn is still running when the metrics are read (it is cancelled)
        try (RunningServer server = RunningServer.start(dataDir, Map.of("AI_STUB_DELTA_DELAY_MS", "10000",
                "AI_MAX_TURNS_PER_USER", "1", "AI_RATE_USER_TOKENS_PER_DAY", "1"))) {
            String platform = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"), true);
            String alice = RunningServer.adminToken("alice");
            assertThat(server.post("/v1/ai/wallet/credits", platform, "{\"clientId\":\"client-1\",\"amount\":1000,"
                    + "\"reason\":\"trial\",\"idempotencyKey\":\"k-1\"}").status()).isEqualTo(200);
            String chatId = server.post("/v1/ai/chats", alice, "{\"brandId\":\"brand-1\"}").json().get("id").asText();
            String path = "/v1/ai/chats/" + chatId + "/messages";

            try (SseStream running = SseStream.post(server.server.port(), path, alice, "{\"content\":\"a b c\"}")) {
                assertThat(running.next(WAIT).name()).isEqualTo("message"); // admitted, credits held
                assertThat(server.get("/metrics", null).body()).containsPattern("(?m)^ai_wallet_reservations_open 1");

                // another chat of the same user: refused by the one-turn-per-user cap
                String other = server.post("/v1/ai/chats", alice, "{}").json().get("id").asText();
                assertThat(server.post("/v1/ai/chats/" + other + "/messages", alice, "{\"content\":\"second\"}")
                        .status()).isEqualTo(429);
                assertThat(server.post("/v1/ai/chats/" + chatId + "/cancel", alice, "{}").status()).isIn(200, 202, 204);
                running.rest(WAIT);
            }
            assertThat(server.post(path, alice, "{\"content\":\"third\"}").status()).isEqualTo(429);

            String body = server.get("/metrics", null).body();
            assertThat(body).containsPattern("(?m)^ai_wallet_reservations_open 0");
            assertThat(body).contains("ai_rate_limit_rejections_total{limit=\"user-turns\"} 1.0",
                    "ai_rate_limit_rejections_total{limit=\"user-tpd\"} 1.0",
                    "ai_rate_limit_rejections_total{limit=\"user-rpm\"} 0.0");
            assertThat(body).contains("http_server_requests_seconds_count{method=\"POST\",outcome=\"CLIENT_ERROR\","
                    + "status=\"429\",uri=\"/v1/ai/chats/{chatId}/messages\"} 2");
        }
    }
}
