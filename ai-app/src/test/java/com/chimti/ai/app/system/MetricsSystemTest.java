package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} over real HTTP: open without a token, Prometheus text, nothing about users or messages. */
class MetricsSystemTest {
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
            assertThat(body).doesNotContain("alice", "metrics-user", chatId, "Zanzibar", "tyre", "Secret plans",
                    "client-1", "brand-1");
        }
    }
}
