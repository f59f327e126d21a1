package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graceful shutdown with the real Codex CLI against a fake OpenAI: while draining, {@code /readyz} is 503 and
 * new turns get 503 {@code draining}; a running turn that ends within the grace period completes; one that
 * does not is cancelled, its stream ends with {@code error {code:"cancelled"}}, its credits are settled, and no
 * Codex process is left.
 */
class ShutdownSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REPLY = "The workshop has forty tyres in stock across both locations.";

    @TempDir
    Path dataDir;

    private FakeOpenAiServer openAi;
    private RunningServer server;
    private final String alice = RunningServer.adminToken("alice");

    @BeforeEach
    void startFake() {
        openAi = new FakeOpenAiServer();
        openAi.reply(REPLY);
    }

    @AfterEach
    void stopAll() {
        CodexServerFixture.stopAll(server, openAi);
    }

    private void startServer(int graceSeconds) {
        startServer(graceSeconds, "app-server");
    }

    private void startServer(int graceSeconds, String mode) {
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dataDir);
        env.put("CODEX_EXEC_MODE", mode);
        env.put("AI_TURN_TIMEOUT_MS", "120000");
        env.put("AI_SHUTDOWN_GRACE_SECONDS", Integer.toString(graceSeconds));
        env.put("AI_CREDITS_BASE_PER_CALL", "5");
        env.put("AI_MAX_OUTPUT_TOKENS_PER_TURN", "100");
        server = RunningServer.start(dataDir.resolve("server"), env);
        CodexServerFixture.loginWithApiKey(server, alice);
    }

    private CompletableFuture<Void> beginShutdown() {
        return CompletableFuture.runAsync(server.server::close);
    }

    @Test
    void drainingRefusesNewTurnsAndLetsTheRunningOneFinishWithinTheGrace() throws Exception {
        startServer(120);
        String running = server.newChat(alice);
        String other = server.newChat(alice);
        openAi.holdAfterDeltas(2);

        try (SseStream stream = server.stream(running, alice, "How many tyres do we have?")) {
            stream.next("delta", WAIT);
            CompletableFuture<Void> shutdown = beginShutdown();

            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(server.get("/readyz", null).status()).isEqualTo(503));
            RunningServer.Response ready = server.get("/readyz", null);
            assertThat(ready.json().get("failing").toString()).contains("draining");
            assertThat(server.get("/healthz", null).status()).as("still alive while draining").isEqualTo(200);

            RunningServer.Response refused = server.post("/v1/ai/chats/" + other + "/messages", alice,
                    "{\"content\":\"a new turn\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.json().get("code").asText()).isEqualTo("draining");
            assertThat(refused.headers().get("retry-after")).containsExactly("5");
            try (SseStream refusedStream = server.stream(other, alice, "a new streamed turn")) {
                assertThat(refusedStream.status()).isEqualTo(503);
            }
            RunningServer.Response oneShot = server.post("/chat", alice, "{\"mode\":\"chat\",\"message\":\"hi\"}");
            assertThat(oneShot.status()).as(oneShot.body()).isEqualTo(503);
            assertThat(oneShot.json().get("code").asText()).isEqualTo("draining");
            assertThat(shutdown).as("the server waits for the running turn").isNotDone();

            openAi.releaseHeld();
            JsonNode done = stream.next("done", WAIT).data();
            assertThat(done.at("/assistantMessage/content").asText()).isEqualTo(REPLY);
            shutdown.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(CodexServerFixture.codexProcesses()).as("no Codex CLI left after shutdown").isEmpty();

        server = server.restart();
        JsonNode messages = server.get("/v1/ai/chats/" + running + "/messages", alice).json().get("items");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).at("/metadata/outcome").asText()).isEqualTo("completed");
        assertThat(server.get("/v1/ai/chats/" + other + "/messages", alice).json().get("items"))
                .as("the refused turn stored nothing").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-server", "exec"})
    void aTurnStillRunningWhenTheGraceEndsIsCancelledAndSettled(String mode) throws Exception {
        startServer(1, mode);
        boolean tokenDeltas = mode.equals("app-server");
        String platform = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"), true);
        RunningServer.Response topUp = server.post("/v1/ai/wallet/credits", platform,
                "{\"clientId\":\"client-1\",\"amount\":1000,\"reason\":\"trial\",\"idempotencyKey\":\"k-1\"}");
        assertThat(topUp.status()).as(topUp.body()).isEqualTo(200);
        String chatId = server.newChat(alice);
        if (tokenDeltas) {
            openAi.holdAfterDeltas(2);
        } else {
            openAi.stallResponses(true); // exec mode streams no token deltas
        }
        Path profiles = dataDir.resolve("server").resolve("ai-profiles");

        try (SseStream stream = server.stream(chatId, alice, "Write a long report")) {
            if (tokenDeltas) {
                stream.next("delta", WAIT);
                assertThat(pidFiles(profiles)).as("the app-server's pid file").isNotEmpty();
            } else {
                stream.next("message", WAIT);
                await().atMost(WAIT).until(() -> !openAi.requestsTo("/v1/responses").isEmpty());
            }
            assertThat(CodexServerFixture.codexProcesses()).as("the turn's codex process").isNotEmpty();
            assertThat(server.get("/v1/ai/wallet", alice).json().get("reserved").asLong())
                    .as("the running turn holds credits").isPositive();

            server.server.close(); // the model never answers: the grace ends and the turn is cancelled

            List<SseStream.Event> events = stream.rest(WAIT);
            SseStream.Event last = events.get(events.size() - 1);
            assertThat(last.name()).isEqualTo("error");
            assertThat(last.data().get("code").asText()).isEqualTo("cancelled");
        }
        assertThat(CodexServerFixture.codexProcesses()).as("no Codex CLI left after shutdown").isEmpty();
        assertThat(pidFiles(profiles)).as("no app-server pid file left").isEmpty();

        server = server.restart();
        JsonNode wallet = server.get("/v1/ai/wallet", alice).json();
        assertThat(wallet.get("reserved").asLong()).as("no credit hold left open").isZero();
        assertThat(wallet.get("balance").asLong()).as("the cancelled turn was charged").isLessThan(1000);
        JsonNode usage = server.get("/v1/ai/usage", alice).json().get("items");
        assertThat(usage).hasSize(1);
        assertThat(usage.get(0).get("outcome").asText()).isEqualTo("cancelled");
        assertThat(usage.get(0).get("credits").asLong()).isEqualTo(1000 - wallet.get("balance").asLong());
    }

    private static List<Path> pidFiles(Path profiles) throws Exception {
        if (!Files.isDirectory(profiles)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(profiles)) {
            return files.filter(f -> f.getFileName().toString().equals("app-server.pid")).toList();
        }
    }
}
