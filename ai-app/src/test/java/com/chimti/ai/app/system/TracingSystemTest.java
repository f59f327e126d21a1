package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.app.tracing.InMemoryExporterProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces through the SDK's own configuration path ({@code OTEL_TRACES_EXPORTER=memory} is a test exporter found
 * by the service loader): a server span per request and, under it, a span per provider call, also when the turn
 * streams from a worker thread. No user text in any attribute.
 */
class TracingSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String SECRET_TEXT = "how many tyres in warehouse seven";

    @TempDir
    Path dataDir;

    private final String alice = RunningServer.adminToken("alice");

    @BeforeEach
    void clearSpans() {
        InMemoryExporterProvider.SPANS.reset();
    }

    @Test
    void aChatTurnGivesAServerSpanWithAProviderSpanUnderIt() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("OTEL_TRACES_EXPORTER", "memory",
                "OTEL_BSP_SCHEDULE_DELAY", "10", "OTEL_SERVICE_NAME", "chimti-ai-test"))) {
            String chatId = server.post("/v1/ai/chats", alice, "{}").json().get("id").asText();
            RunningServer.Response turn = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                    "{\"content\":\"" + SECRET_TEXT + "\"}");
            assertThat(turn.status()).as(turn.body()).isEqualTo(200);
            String requestId = turn.headers().get("x-request-id").get(0);

            SpanData http = await().atMost(WAIT).until(() -> serverSpan(requestId), Optional::isPresent).get();
            assertThat(http.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(http.getName()).isEqualTo("POST /v1/ai/chats/{chatId}/messages");
            assertThat(http.getAttributes().get(AttributeKey.stringKey("http.route")))
                    .isEqualTo("/v1/ai/chats/{chatId}/messages");
            assertThat(http.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200);
            assertThat(http.getAttributes().get(AttributeKey.stringKey("http.request.method"))).isEqualTo("POST");
            assertThat(http.getResource().getAttribute(AttributeKey.stringKey("service.name")))
                    .isEqualTo("chimti-ai-test");

            SpanData provider = await().atMost(WAIT).until(() -> childOf(http), Optional::isPresent).get();
            assertThat(provider.getName()).isEqualTo("ai.provider.complete");
            assertThat(provider.getAttributes().get(AttributeKey.stringKey("chimti.provider"))).isEqualTo("openai-stub");
            assertThat(provider.getAttributes().get(AttributeKey.stringKey("chimti.provider.mode"))).isEqualTo("default");
            assertThat(provider.getAttributes().get(AttributeKey.stringKey("chimti.outcome"))).isEqualTo("completed");
            assertThat(provider.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
                    .isEqualTo(turn.json().at("/usage/inputTokens").asLong()).isPositive();
            assertThat(provider.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
                    .isEqualTo(turn.json().at("/usage/outputTokens").asLong()).isPositive();
            assertThat(provider.getAttributes().get(AttributeKey.longKey("chimti.duration_ms"))).isNotNull();

            RunningServer.Response refused = server.get("/v1/ai/chats/" + chatId + "/messages", null);
            assertThat(refused.status()).isEqualTo(401);
            SpanData unauthenticated = await().atMost(WAIT).until(
                    () -> serverSpan(refused.headers().get("x-request-id").get(0)), Optional::isPresent).get();
            // refused before routing: no route is known, so the name is the method alone (as OTel's conventions say)
            assertThat(unauthenticated.getName()).as("a refused request is traced too").isEqualTo("GET");
            assertThat(unauthenticated.getAttributes().get(AttributeKey.stringKey("http.route"))).isNull();
            assertThat(unauthenticated.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                    .isEqualTo(401);

            assertThat(InMemoryExporterProvider.SPANS.getFinishedSpanItems().toString())
                    .as("no user text in any span").doesNotContain(SECRET_TEXT).doesNotContain(chatId);
        }
    }

    @Test
    void aStreamedTurnCarriesTheRequestSpanIntoItsWorkerThread() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("OTEL_TRACES_EXPORTER", "memory",
                "OTEL_BSP_SCHEDULE_DELAY", "10"))) {
            String chatId = server.post("/v1/ai/chats", alice, "{}").json().get("id").asText();
            try (SseStream stream = SseStream.post(server.server.port(), "/v1/ai/chats/" + chatId + "/messages",
                    alice, "{\"content\":\"" + SECRET_TEXT + "\"}")) {
                stream.next("done", WAIT);
            }
            SpanData http = await().atMost(WAIT).until(() -> InMemoryExporterProvider.SPANS.getFinishedSpanItems()
                    .stream().filter(s -> s.getName().equals("POST /v1/ai/chats/{chatId}/messages")).findFirst(),
                    Optional::isPresent).get();
            SpanData provider = await().atMost(WAIT).until(() -> childOf(http), Optional::isPresent).get();
            assertThat(provider.getAttributes().get(AttributeKey.stringKey("chimti.outcome"))).isEqualTo("completed");
        }
    }

    @Test
    void withTheDefaultConfigurationNothingIsTraced() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            String chatId = server.post("/v1/ai/chats", alice, "{}").json().get("id").asText();
            assertThat(server.post("/v1/ai/chats/" + chatId + "/messages", alice, "{\"content\":\"hi\"}").status())
                    .isEqualTo(200);
        }
        assertThat(InMemoryExporterProvider.SPANS.getFinishedSpanItems()).as("no SDK, no exporter").isEmpty();
    }

    private static Optional<SpanData> serverSpan(String requestId) {
        return InMemoryExporterProvider.SPANS.getFinishedSpanItems().stream()
                .filter(s -> requestId.equals(s.getAttributes().get(AttributeKey.stringKey("chimti.request_id"))))
                .findFirst();
    }

    private static Optional<SpanData> childOf(SpanData parent) {
        List<SpanData> spans = InMemoryExporterProvider.SPANS.getFinishedSpanItems();
        return spans.stream().filter(s -> s.getParentSpanId().equals(parent.getSpanId())
                && s.getTraceId().equals(parent.getTraceId())).findFirst();
    }
}
