package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every log line written while a request is served carries that request's id (the {@code X-Request-Id} it
 * answered with), also the lines of the turn's worker thread and of the threads reading the Codex CLI.
 * Requests run one after another, so each line written between a request and its answer belongs to it.
 */
class RequestIdLoggingSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private FakeOpenAiServer openAi;
    private RunningServer server;
    private CapturedLogs logs;
    private final String alice = RunningServer.adminToken("alice");

    @BeforeEach
    void startFake() {
        logs = CapturedLogs.capture();
        openAi = new FakeOpenAiServer();
        openAi.reply("Forty tyres.");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        openAi.close();
        logs.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-server", "exec"})
    void everyLineLoggedWhileServingARequestCarriesItsRequestId(String mode) {
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dataDir);
        env.put("CODEX_EXEC_MODE", mode);
        env.put("AI_TURN_TIMEOUT_MS", "60000");
        server = RunningServer.start(dataDir.resolve("server"), env);

        served("rid-login", () -> call("POST", "/v1/ai/account/login", "rid-login",
                CodexServerFixture.API_KEY_LOGIN, 200));
        String chatId = call("POST", "/v1/ai/chats", "rid-chat", "{\"brandId\":\"brand-1\"}", 201)
                .json().get("id").asText();
        List<CapturedLogs.Event> turn = served("rid-turn", () -> call("POST", "/v1/ai/chats/" + chatId
                + "/messages", "rid-turn", "{\"content\":\"How many tyres?\"}", 200));
        List<CapturedLogs.Event> missing = served("rid-404", () -> call("GET", "/v1/ai/chats/no-such-chat/messages",
                "rid-404", null, 404));
        List<CapturedLogs.Event> invalid = served("rid-400", () -> call("POST", "/v1/ai/chats/" + chatId
                + "/messages", "rid-400", "{\"content\":", 400));
        List<CapturedLogs.Event> streamed = served("rid-stream", () -> {
            try (SseStream stream = SseStream.post(server.server.port(), "/v1/ai/chats/" + chatId + "/messages",
                    alice, "{\"content\":\"And rims?\"}", Map.of("X-Request-Id", "rid-stream"))) {
                assertThat(stream.status()).isEqualTo(200);
                stream.next("done", WAIT);
            }
            return null;
        });

        assertThat(turn).as("the turn's own lines").anyMatch(e -> e.message().startsWith("codex turn starting"));
        assertThat(missing).as("the refusal is logged").anyMatch(e -> e.message().contains("not_found"));
        assertThat(invalid).anyMatch(e -> e.message().contains("validation_failed"));
        assertThat(streamed).as("a streamed turn runs on a worker thread and logs under the request")
                .anyMatch(e -> e.message().startsWith("codex turn starting") && e.thread().startsWith("ai-web-turn"));
    }

    /** Runs one request and returns the lines logged meanwhile, each checked to carry {@code requestId}. */
    private List<CapturedLogs.Event> served(String requestId, Supplier<?> request) {
        int before = logs.events().size();
        request.get();
        List<CapturedLogs.Event> during = logs.events().subList(before, logs.events().size());
        assertThat(during).as("lines logged while serving " + requestId)
                .allSatisfy(e -> assertThat(e.requestId()).as(e.thread() + " " + e.logger() + ": " + e.message())
                        .isEqualTo(requestId));
        return during;
    }

    private RunningServer.Response call(String method, String path, String requestId, String body, int status) {
        RunningServer.Response response = server.send(method, path, alice, body, Map.of("X-Request-Id", requestId));
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("x-request-id")).containsExactly(requestId);
        return response;
    }
}
