package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Chat turns through the HTTP contract with the real pinned Codex CLI against a fake OpenAI, in both
 * execution modes: streaming, follow-ups, timeout, cancel, faults, redaction, and the one-shot endpoint.
 */
class CodexTurnSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REPLY = "The workshop has forty tyres in stock across both locations.";

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
        openAi.reply(REPLY);
    }

    @AfterEach
    void stopAll() {
        try {
            CodexServerFixture.stopAll(server, openAi);
        } finally {
            logs.close();
        }
    }

    private void startServer(String mode, Map<String, String> extra) {
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dataDir);
        env.put("CODEX_EXEC_MODE", mode);
        env.put("AI_TURN_TIMEOUT_MS", "60000");
        env.putAll(extra);
        server = RunningServer.start(dataDir.resolve("server"), env);
        CodexServerFixture.loginWithApiKey(server, alice);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-server", "exec"})
    void answersStreamAndFollowUpsCarryTheEarlierTurns(String mode) {
        startServer(mode, Map.of());
        String chatId = server.newChat(alice);
        boolean tokenDeltas = mode.equals("app-server");
        if (tokenDeltas) {
            openAi.holdAfterDeltas(2);
        }

        try (SseStream stream = server.stream(chatId, alice, "How many tyres do we have?")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next(WAIT).name()).isEqualTo("message");
            SseStream.Event firstDelta = stream.next("delta", WAIT);
            assertThat(firstDelta.id()).isNotBlank();
            if (tokenDeltas) {
                assertThat(openAi.finishedResponses()).as("the model had not finished yet").isZero();
                openAi.releaseHeld();
            }
            JsonNode done = stream.next("done", WAIT).data();
            assertThat(done.at("/assistantMessage/content").asText()).isEqualTo(REPLY);
        }

        RunningServer.Response followUp = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                "{\"content\":\"And how many rims?\"}");
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(200);
        assertThat(followUp.json().at("/usage/outputTokens").asLong()).isPositive();
        List<String> asked = openAi.responseBodies();
        assertThat(asked.get(asked.size() - 1)).contains("How many tyres do we have?").contains("And how many rims?");
        assertThat(server.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items")).hasSize(4);
    }

    @Test
    void openingAChatStartsTheUsersStoppedCodexProcessAheadOfTheTurn() {
        startServer("app-server", Map.of("CODEX_IDLE_TIMEOUT_MS", "1000"));
        String chatId = server.newChat(alice);
        await().atMost(WAIT).until(() -> CodexServerFixture.codexProcesses().isEmpty()); // idle: stopped

        assertThat(server.get("/v1/ai/chats/" + chatId + "/messages", alice).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> CodexServerFixture.codexProcesses().size() == 1);
        long warmed = CodexServerFixture.codexProcesses().get(0).pid();

        RunningServer.Response turn = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                "{\"content\":\"How many tyres?\"}");
        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        assertThat(CodexServerFixture.codexProcesses()).extracting(ProcessHandle::pid).containsExactly(warmed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-server", "exec"})
    void aModelThatNeverAnswersEndsWithProviderTimeout(String mode) {
        startServer(mode, Map.of("AI_TURN_TIMEOUT_MS", "4000"));
        String chatId = server.newChat(alice);
        openAi.stallResponses(true);

        long started = System.nanoTime();
        try (SseStream stream = server.stream(chatId, alice, "Are you there?")) {
            List<SseStream.Event> events = stream.rest(WAIT);
            SseStream.Event last = events.get(events.size() - 1);
            assertThat(last.name()).isEqualTo("error");
            assertThat(last.data().get("code").asText()).isEqualTo("provider_timeout");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4 + 10));
        if (mode.equals("exec")) {
            assertThat(CodexServerFixture.codexProcesses()).as("the timed-out exec process is gone").isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-server", "exec"})
    void cancelStopsTheTurnAndKeepsThePartialAnswer(String mode) {
        startServer(mode, Map.of());
        String chatId = server.newChat(alice);
        boolean tokenDeltas = mode.equals("app-server");
        if (tokenDeltas) {
            openAi.holdAfterDeltas(3);
        } else {
            openAi.stallResponses(true);
        }

        try (SseStream stream = server.stream(chatId, alice, "Write a long report")) {
            stream.next(tokenDeltas ? "delta" : "message", WAIT);
            if (!tokenDeltas) {
                await().atMost(WAIT).until(() -> !openAi.requestsTo("/v1/responses").isEmpty());
            }
            assertThat(server.post("/v1/ai/chats/" + chatId + "/cancel", alice, "{}").status()).isEqualTo(202);
            List<SseStream.Event> events = stream.rest(WAIT);
            SseStream.Event last = events.get(events.size() - 1);
            assertThat(last.name()).isEqualTo("error");
            assertThat(last.data().get("code").asText()).isEqualTo("cancelled");
        }
        JsonNode messages = server.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(1).at("/metadata/outcome").asText()).isEqualTo("cancelled");
        if (tokenDeltas) {
            assertThat(REPLY).startsWith(messages.get(1).get("content").asText());
            assertThat(messages.get(1).get("content").asText()).isNotEmpty();
        }
        if (!tokenDeltas) {
            assertThat(CodexServerFixture.codexProcesses()).as("the cancelled exec process is gone").isEmpty();
        }
    }

    @Test
    void aClientThatLeavesMidStreamCancelsTheTurnAfterTheGrace() {
        startServer("app-server", Map.of("AI_SSE_DISCONNECT_GRACE_MS", "1000", "AI_SSE_HEARTBEAT_MS", "200"));
        String chatId = server.newChat(alice);
        openAi.holdAfterDeltas(2);

        try (SseStream stream = server.stream(chatId, alice, "Write a long report")) {
            stream.next("delta", WAIT);
        }

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode messages = server.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items");
            assertThat(messages).hasSize(2);
            assertThat(messages.get(1).at("/metadata/outcome").asText()).isEqualTo("cancelled");
            assertThat(messages.get(1).get("content").asText()).isNotEmpty();
        });
        assertThat(openAi.finishedResponses()).as("the model never had to finish").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"app-server", "exec"})
    void usageLimitsAndRevokedCredentialsMapToClearErrors(String mode) {
        startServer(mode, Map.of());
        String chatId = server.newChat(alice);

        openAi.usageLimitReached(true);
        try (SseStream stream = server.stream(chatId, alice, "hello")) {
            SseStream.Event error = stream.next("error", WAIT);
            assertThat(error.data().get("code").asText()).isEqualTo("rate_limited");
        }
        JsonNode account = server.get("/v1/ai/account", alice).json();
        assertThat(account.at("/error/code").asText()).isEqualTo("rate_limited");

        openAi.usageLimitReached(false);
        openAi.unauthorized(true);
        RunningServer.Response refused = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                "{\"content\":\"hello again\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("code").asText()).isEqualTo("provider_not_connected");
    }

    @Test
    void aPlantedSecretNeverReachesTheModelTheDatabaseOrTheLogs() {
        startServer("app-server", Map.of());
        String chatId = server.newChat(alice);
        String openAiKey = "sk-proj-Zx81KqLmN0pQrStUvWxYz1234";
        String awsKey = "AKIAIOSFODNN7EXAMPLE";

        RunningServer.Response turn = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                "{\"content\":\"Our key " + openAiKey + " and " + awsKey + " leaked, what now?\"}");

        assertThat(turn.status()).as(turn.body()).isEqualTo(200);
        assertThat(turn.json().at("/userMessage/metadata/redactions").asInt()).isEqualTo(2);
        String stored = server.get("/v1/ai/chats/" + chatId + "/messages", alice).body();
        assertThat(stored).contains("[REDACTED:openai_key]").doesNotContain(openAiKey, awsKey);
        assertThat(String.join("\n", openAi.responseBodies())).contains("[REDACTED:aws_key]")
                .doesNotContain(openAiKey, awsKey);
        assertThat(String.join("\n", logs.lines())).doesNotContain(openAiKey, awsKey, "leaked, what now");
    }

    @Test
    void theOneShotEndpointAnswersCapsAndKeepsToTheSkillAllowlist() {
        startServer("app-server", Map.of("AI_MESSAGE_MAX_CHARS", "200"));

        RunningServer.Response answer = server.post("/chat", alice,
                "{\"mode\":\"chat\",\"message\":\"" + "x".repeat(500) + "\"}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("answer").asText()).isEqualTo(REPLY);
        assertThat(answer.json().at("/meta/provider").asText()).isEqualTo("codex");
        assertThat(answer.json().at("/meta/truncated").asBoolean()).isTrue();
        assertThat(openAi.responseBodies().get(openAi.responseBodies().size() - 1)).contains("[truncated 300 chars]");

        RunningServer.Response tool = server.post("/chat", alice, "{\"mode\":\"tool\",\"skill\":\"explain-error\","
                + "\"message\":\"NullPointerException at Foo.java:12\",\"extra\":{\"language\":\"java\"}}");
        assertThat(tool.status()).as(tool.body()).isEqualTo(200);
        assertThat(tool.json().at("/tool_result/output").asText()).isEqualTo(REPLY);
        assertThat(tool.json().at("/meta/skill").asText()).isEqualTo("explain-error");

        RunningServer.Response unknown = server.post("/chat", alice,
                "{\"mode\":\"tool\",\"skill\":\"rm-rf\",\"message\":\"go\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("code").asText()).isEqualTo("unknown_skill");

        RunningServer.Response outsideSchema = server.post("/chat", alice, "{\"mode\":\"tool\","
                + "\"skill\":\"explain-error\",\"message\":\"go\",\"extra\":{\"shellCommand\":\"ls\"}}");
        assertThat(outsideSchema.status()).isEqualTo(400);
        assertThat(outsideSchema.json().get("code").asText()).isEqualTo("validation_failed");
    }
}
