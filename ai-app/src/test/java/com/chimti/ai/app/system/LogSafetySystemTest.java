package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The logs are the second boundary: a full Codex login (device and API key, real CLI against the fake OpenAI)
 * and chat turns whose messages and context carry planted secrets, then every captured log line, in both
 * production formats and as raw events, and every response are searched for them and for the message text.
 */
class LogSafetySystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final String OPENAI_KEY = "sk-proj-Zx81KqLmN0pQrStUvWxYz1234";
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5IiwiZXhwIjo5OTk5OTk5OTk5fQ"
            + ".c2lnbmF0dXJlLW9mLXRoZS10b2tlbi0wMTIzNDU2Nzg5";
    static final String CARD = "4111 1111 1111 1111";
    static final String BOBS_API_KEY = "sk-bob-Lq8Zt3Vw9Rx2Ny7Pm4Kd6Hs1";
    /** Words of the users' messages: metadata only is logged, never what a user wrote. */
    static final String USER_TEXT = "quokka-ledger-reconciliation";
    static final String PLANTED = USER_TEXT + " key " + OPENAI_KEY + " aws " + AWS_KEY + " token " + JWT
            + " card " + CARD;

    @TempDir
    Path dataDir;

    private FakeOpenAiServer openAi;
    private RunningServer server;
    private CapturedLogs logs;
    private final List<String> responses = new ArrayList<>();
    private final String alice = RunningServer.adminToken("alice");
    private final String bob = RunningServer.adminToken("bob");

    @BeforeEach
    void start() {
        logs = CapturedLogs.capture();
        openAi = new FakeOpenAiServer();
        openAi.reply("Reconciled: the ledger balances.");
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dataDir);
        env.put("AI_PROVIDERS", "codex,openai-stub");
        env.put("AI_TURN_TIMEOUT_MS", "60000");
        env.put("AI_DB_PASSWORD", "planted-db-password");
        server = RunningServer.start(dataDir.resolve("server"), env);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        openAi.close();
        logs.close();
    }

    @Test
    void aFullLoginAndChatWithPlantedSecretsLeaveNoSecretOrMessageTextInAnyLogLineOrResponse() {
        // device login for alice, API-key login for bob: the real CLI stores what the fake OpenAI issues
        JsonNode start = record(server.post("/v1/ai/account/login", alice, "{\"method\":\"device\"}"), 202);
        openAi.approve(start.get("userCode").asText(), "alice@example.com", "plus");
        String loginId = start.get("loginId").asText();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> record(
                server.get("/v1/ai/account/login/" + loginId, alice), 200).get("status").asText().equals("connected"));
        record(server.post("/v1/ai/account/login", bob,
                "{\"method\":\"apiKey\",\"apiKey\":\"" + BOBS_API_KEY + "\"}"), 200);

        // chat turns, streamed and not, with the secrets in the message
        String chatId = record(server.post("/v1/ai/chats", alice, "{\"title\":\"books\",\"brandId\":\"brand-1\"}"),
                201).get("id").asText();
        try (SseStream stream = SseStream.post(server.server.port(), "/v1/ai/chats/" + chatId + "/messages", alice,
                "{\"content\":\"" + PLANTED + "\"}")) {
            assertThat(stream.status()).isEqualTo(200);
            stream.rest(WAIT).forEach(event -> responses.add(event.name() + " " + event.data()));
        }
        record(server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                "{\"content\":\"again: " + PLANTED + "\"}"), 200);
        String bobsChat = record(server.post("/v1/ai/chats", bob, "{\"brandId\":\"brand-1\"}"), 201)
                .get("id").asText();
        record(server.post("/v1/ai/chats/" + bobsChat + "/messages", bob, "{\"content\":\"" + PLANTED + "\"}"), 200);
        record(server.get("/v1/ai/chats/" + chatId + "/messages", alice), 200);

        // one-shot calls with the secrets in the message and the context
        record(server.post("/chat", alice, "{\"mode\":\"chat\",\"message\":\"" + PLANTED + "\",\"context\":\""
                + "stack trace: java.lang.IllegalStateException: " + PLANTED + "\"}"), 200);

        // requests that fail, with the secrets in what they send
        record(server.post("/v1/ai/chats/" + chatId + "/messages", alice, "{\"content\": \"" + PLANTED), 400);
        record(server.post("/v1/ai/chats/no-such-chat/messages", alice, "{\"content\":\"" + PLANTED + "\"}"), 404);
        record(server.get("/v1/ai/chats", JWT), 401);
        record(server.post("/v1/ai/account/login", alice, "{\"method\":\"apiKey\",\"apiKey\":\"" + OPENAI_KEY
                + " " + CARD + "\"}"), null);

        server.close(); // shutdown lines too
        server = null;

        List<String> secrets = new ArrayList<>(List.of(OPENAI_KEY, AWS_KEY, JWT, CARD, CARD.replace(" ", ""),
                BOBS_API_KEY, "planted-db-password"));
        secrets.addAll(openAi.issuedAccessTokens());
        List<String> rendered = logs.rendered();
        assertThat(rendered).as("JSON and text lines were written").hasSizeGreaterThan(20)
                .anyMatch(line -> line.startsWith("{") && line.contains("\"message\":\"codex turn starting"))
                .anyMatch(line -> line.contains(" - codex turn starting"));
        for (String secret : secrets) {
            assertThat(rendered).as("log lines as written").noneMatch(line -> line.contains(secret));
            assertThat(logs.lines()).as("raw log events").noneMatch(line -> line.contains(secret));
            assertThat(responses).as("responses").noneMatch(body -> body.contains(secret));
        }
        assertThat(rendered).as("no message text in the logs").noneMatch(line -> line.contains(USER_TEXT));
        assertThat(logs.lines()).noneMatch(line -> line.contains(USER_TEXT));
    }

    /** Keeps the body and headers for the final search; checks the status when one is given. */
    private JsonNode record(RunningServer.Response response, Integer expectedStatus) {
        responses.add(response.body());
        response.headers().forEach((name, values) -> responses.add(name + ": " + String.join(",", values)));
        if (expectedStatus != null) {
            assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
        }
        return response.body().isEmpty() || !response.body().startsWith("{") ? null : response.json();
    }
}
