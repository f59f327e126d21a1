package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The same {@code sub} under two {@code client_id}s is two users: over HTTP, with the real Codex CLI against the
 * fake OpenAI (which records which credentials each request carries). Both tenants are brand admins of a brand
 * with the same id, the case where a crossing proposal would have written into the other tenant. No read, write,
 * confirm or login crosses the client: chats, messages, actions (list, get, confirm, reject), logins (get,
 * cancel), account status, logout, model choice, usage and artifacts.
 */
class TwoTenantsSystemTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEY_A = "sk-client-a-key-0123456789abcdef";
    private static final String KEY_B = "sk-client-b-key-0123456789abcdef";

    @TempDir
    Path dataDir;

    private FakeOpenAiServer openAi;
    private RunningServer server;
    private final String inA = RunningServer.token("sam", "client-a", List.of("brand-1"), List.of("BRAND_ADMIN"),
            false);
    private final String inB = RunningServer.token("sam", "client-b", List.of("brand-1"), List.of("BRAND_ADMIN"),
            false);

    @BeforeEach
    void start() {
        openAi = new FakeOpenAiServer();
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dataDir);
        env.put("AI_TURN_TIMEOUT_MS", "60000");
        env.put("AI_LOGIN_EXPIRY_MS", "60000");
        server = RunningServer.start(dataDir.resolve("server"), env);
    }

    @AfterEach
    void stop() {
        CodexServerFixture.stopAll(server, openAi);
    }

    @Test
    void loginsAccountsAndModelChoiceArePerClient() {
        assertThat(status(server.post("/v1/ai/account/login", inA, apiKeyLogin(KEY_A)))).isEqualTo(200);
        assertThat(server.get("/v1/ai/account", inA).json().get("status").asText()).isEqualTo("connected");
        // the same sub in client B has not connected: it connects once per client
        assertThat(server.get("/v1/ai/account", inB).json().get("status").asText()).isEqualTo("disconnected");

        // a device login of B is neither readable nor cancellable from A, and the other way round
        JsonNode pendingB = server.post("/v1/ai/account/login", inB, "{\"method\":\"device\"}").json();
        String loginB = pendingB.get("loginId").asText();
        assertNotFound(server.get("/v1/ai/account/login/" + loginB, inA));
        assertNotFound(server.delete("/v1/ai/account/login/" + loginB, inA));
        assertThat(server.get("/v1/ai/account/login/" + loginB, inB).json().get("status").asText())
                .isEqualTo("pending");
        assertThat(server.get("/v1/ai/account", inA).json().get("status").asText()).isEqualTo("connected");
        assertThat(status(server.delete("/v1/ai/account/login/" + loginB, inB))).isIn(200, 204);

        assertThat(status(server.post("/v1/ai/account/login", inB, apiKeyLogin(KEY_B)))).isEqualTo(200);
        assertThat(server.get("/v1/ai/account", inB).json().get("status").asText()).isEqualTo("connected");

        // each tenant's turn reaches OpenAI with its own key only
        int before = openAi.requestsTo("/v1/responses").size();
        turn(inA, "hello from A");
        List<FakeOpenAiServer.Recorded> ofA = since(before);
        assertThat(ofA).isNotEmpty().allSatisfy(r -> assertThat(r.carries(KEY_A)).isTrue());
        before = openAi.requestsTo("/v1/responses").size();
        turn(inB, "hello from B");
        assertThat(since(before)).isNotEmpty().allSatisfy(r -> assertThat(r.carries(KEY_B)).isTrue());

        // the model chosen in A is A's only
        JsonNode models = server.get("/v1/ai/models", inA).json();
        String current = models.get("current").asText();
        String other = null;
        for (JsonNode model : models.get("models")) {
            if (!model.get("id").asText().equals(current)) {
                other = model.get("id").asText();
            }
        }
        assertThat(other).as("the CLI offers a second model").isNotNull();
        assertThat(status(server.put("/v1/ai/models/current", inA, "{\"model\":\"" + other + "\"}"))).isEqualTo(200);
        assertThat(server.get("/v1/ai/models", inA).json().get("current").asText()).isEqualTo(other);
        assertThat(server.get("/v1/ai/models", inB).json().get("current").asText()).isEqualTo(current);

        // logging out in B leaves A connected
        assertThat(status(server.post("/v1/ai/account/logout", inB, "{}"))).isIn(200, 204);
        assertThat(server.get("/v1/ai/account", inB).json().get("status").asText()).isEqualTo("disconnected");
        assertThat(server.get("/v1/ai/account", inA).json().get("status").asText()).isEqualTo("connected");
    }

    @Test
    void chatsActionsUsageAndArtifactsArePerClient() {
        CodexServerFixture.loginWithApiKey(server, inA);
        String chatA = server.newChat(inA);
        openAi.proposeOnNextTurn("propose_action", "{\"actionType\":\"create_task_note\",\"input\":{\"title\":"
                + "\"Call the tyre supplier\",\"brandId\":\"brand-1\"}}");
        turnIn(chatA, inA, "Remind me to call the tyre supplier");
        JsonNode actions = server.get("/v1/ai/actions?chatId=" + chatA, inA).json().get("items");
        assertThat(actions).hasSize(1);
        String actionId = actions.get(0).get("id").asText();

        // chats and messages
        assertThat(server.get("/v1/ai/chats", inB).json().get("items")).isEmpty();
        assertNotFound(server.get("/v1/ai/chats/" + chatA, inB));
        assertNotFound(server.get("/v1/ai/chats/" + chatA + "/messages", inB));
        assertNotFound(server.post("/v1/ai/chats/" + chatA + "/messages", inB, "{\"content\":\"hi\"}"));
        assertNotFound(server.put("/v1/ai/chats/" + chatA, inB, "{\"title\":\"mine now\"}"));
        assertNotFound(server.delete("/v1/ai/chats/" + chatA, inB));
        assertThat(server.get("/v1/ai/chats/" + chatA, inA).json().get("title").asText()).isEqualTo("stock");
        assertThat(server.get("/v1/ai/chats/" + chatA + "/messages", inA).json().get("items")).hasSize(2);

        // actions: not listed, not readable, not confirmable, not rejectable; a filter on A's chat is 404
        assertThat(server.get("/v1/ai/actions", inB).json().get("items")).isEmpty();
        assertNotFound(server.get("/v1/ai/actions?chatId=" + chatA, inB));
        assertNotFound(server.get("/v1/ai/actions/" + actionId, inB));
        assertNotFound(server.post("/v1/ai/actions/" + actionId + "/confirm", inB, "{}"));
        assertNotFound(server.post("/v1/ai/actions/" + actionId + "/reject", inB, "{}"));
        assertThat(server.get("/v1/ai/actions/" + actionId, inA).json().get("status").asText())
                .as("nothing B sent moved A's proposal").isEqualTo("proposed");

        // artifacts: the same filter answers 404; B owns none
        assertNotFound(server.get("/v1/ai/artifacts?chatId=" + chatA, inB));
        assertThat(server.get("/v1/ai/artifacts", inB).json().get("items")).isEmpty();
        assertThat(status(server.get("/v1/ai/artifacts?chatId=" + chatA, inA))).isEqualTo(200);

        // usage: A's turn is A's
        assertThat(server.get("/v1/ai/usage", inA).json().get("items")).isNotEmpty();
        assertThat(server.get("/v1/ai/usage", inB).json().get("items")).isEmpty();
        assertThat(server.get("/v1/ai/usage?brandId=brand-1", inB).json().get("items")).isEmpty();

        // A still confirms its own proposal once
        JsonNode confirmed = server.post("/v1/ai/actions/" + actionId + "/confirm", inA, "{}").json();
        assertThat(confirmed.get("status").asText()).isEqualTo("executed");
    }

    private List<FakeOpenAiServer.Recorded> since(int before) {
        List<FakeOpenAiServer.Recorded> all = openAi.requestsTo("/v1/responses");
        return all.subList(before, all.size());
    }

    private static String apiKeyLogin(String key) {
        return "{\"method\":\"apiKey\",\"apiKey\":\"" + key + "\"}";
    }

    private void turn(String token, String content) {
        turnIn(server.newChat(token), token, content);
    }

    private void turnIn(String chatId, String token, String content) {
        try (SseStream stream = server.stream(chatId, token, content)) {
            assertThat(stream.status()).isEqualTo(200);
            List<SseStream.Event> events = stream.rest(WAIT);
            SseStream.Event last = events.get(events.size() - 1);
            assertThat(last.name()).as(String.valueOf(last.data())).isEqualTo("done");
        }
    }

    private static int status(RunningServer.Response response) {
        return response.status();
    }

    private static void assertNotFound(RunningServer.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.json().get("code").asText()).isEqualTo("not_found");
    }
}
