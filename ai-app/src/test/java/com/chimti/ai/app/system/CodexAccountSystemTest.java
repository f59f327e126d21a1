package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting Codex accounts through the HTTP contract, with the real pinned CLI talking to a fake OpenAI on
 * 127.0.0.1: device and API-key login, status, models, switch, logout, and two users kept apart.
 */
class CodexAccountSystemTest {
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
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dataDir);
        env.put("AI_PROVIDERS", "codex,openai-stub");
        env.put("AI_LOGIN_EXPIRY_MS", "60000");
        env.put("CODEX_REQUEST_TIMEOUT_MS", "20000");
        env.put("AI_DB_PASSWORD", "planted-db-password");
        server = RunningServer.start(dataDir.resolve("server"), env);
    }

    @AfterEach
    void stop() {
        server.close();
        openAi.close();
        logs.close();
        assertThat(logs.lines()).as("the server logged something").isNotEmpty();
        assertNoSecretsIn(logs.lines());
        assertThat(CodexServerFixture.codexProcesses()).as("no Codex CLI process outlives the server").isEmpty();
    }

    @Test
    void deviceLoginConnectsAndTheAccountShowsMaskedDetails() {
        JsonNode start = record(server.post("/v1/ai/account/login", alice, "{\"method\":\"device\"}"), 202);
        assertThat(start.get("status").asText()).isEqualTo("pending");
        assertThat(start.get("verificationUrl").asText()).startsWith("http");
        assertThat(start.get("expiresAt").asText()).isNotBlank();
        String loginId = start.get("loginId").asText();
        assertThat(record(server.get("/v1/ai/account/login/" + loginId, alice), 200).get("status").asText())
                .isEqualTo("pending");
        assertThat(record(server.get("/v1/ai/account", alice), 200).get("status").asText())
                .isIn("login_pending", "disconnected");

        openAi.approve(start.get("userCode").asText(), "alice@example.com", "plus");
        awaitLogin(alice, loginId, "connected");

        JsonNode account = record(server.get("/v1/ai/account", alice), 200);
        assertThat(account.get("status").asText()).isEqualTo("connected");
        assertThat(account.get("provider").asText()).isEqualTo("codex");
        assertThat(account.get("email").asText()).isEqualTo("a***@example.com");
        assertThat(account.get("plan").asText()).isEqualTo("plus");
        assertThat(account.get("authMode").asText()).isNotBlank();
        assertThat(account.at("/limits/primary/usedPercent").isNumber()).isTrue();

        server.post("/v1/ai/account/logout", alice, "{}");
        assertThat(record(server.get("/v1/ai/account", alice), 200).get("status").asText())
                .isEqualTo("disconnected");
        assertNoSecretsIn(responses);

        // the login ended in the background and was polled again and again: audited once, without its code or URL
        String platform = RunningServer.token("ops", "platform", List.of(), List.of("PLATFORM_ADMIN"), true);
        JsonNode events = record(server.get("/v1/ai/admin/audit?clientId=client-1&userId=alice", platform), 200)
                .get("items");
        assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("LOGGED_OUT", "LOGIN_CONNECTED");
        JsonNode connected = events.get(1);
        assertThat(connected.get("details").get("loginId").asText()).isEqualTo(loginId);
        assertThat(connected.get("details").get("method").asText()).isEqualTo("device");
        assertThat(connected.get("details").get("provider").asText()).isEqualTo("codex");
        assertThat(connected.toString()).doesNotContain(start.get("userCode").asText(),
                start.get("verificationUrl").asText());
    }

    @Test
    void twoUsersReachOpenAiWithTheirOwnCredentialsOnlyAndCannotTouchEachOthersLogins() {
        String aliceToken = connect(alice, "alice@example.com");
        String bobToken = connect(bob, "bob@example.com");
        assertThat(aliceToken).isNotEqualTo(bobToken);

        // the fake tells users apart by the token they present: each one's limits must come back to them
        openAi.usedPercent("alice@example.com", 11);
        openAi.usedPercent("bob@example.com", 77);
        assertThat(record(server.get("/v1/ai/account", alice), 200).at("/limits/primary/usedPercent").asInt())
                .isEqualTo(11);
        assertThat(record(server.get("/v1/ai/account", bob), 200).at("/limits/primary/usedPercent").asInt())
                .isEqualTo(77);
        assertThat(openAi.requestsTo("/backend-api/wham/usage"))
                .allSatisfy(r -> assertThat(r.carries(aliceToken) || r.carries(bobToken)).isTrue())
                .anySatisfy(r -> assertThat(r.carries(aliceToken)).isTrue())
                .anySatisfy(r -> assertThat(r.carries(bobToken)).isTrue());

        JsonNode pending = record(server.post("/v1/ai/account/login", bob, "{}"), 202);
        String bobsLogin = pending.get("loginId").asText();
        assertThat(server.get("/v1/ai/account/login/" + bobsLogin, alice).status()).isEqualTo(404);
        assertThat(server.delete("/v1/ai/account/login/" + bobsLogin, alice).status()).isEqualTo(404);
        assertThat(record(server.get("/v1/ai/account/login/" + bobsLogin, bob), 200).get("status").asText())
                .isEqualTo("pending");

        record(server.delete("/v1/ai/account/login/" + bobsLogin, bob), 204);
        assertThat(record(server.get("/v1/ai/account/login/" + bobsLogin, bob), 200).get("status").asText())
                .isEqualTo("cancelled");
        assertNoSecretsIn(responses);
        assertThat(String.join("\n", responses)).doesNotContain(aliceToken, bobToken);
    }

    @Test
    void apiKeyLoginSwitchModelsAndLogout() {
        JsonNode connected = record(server.post("/v1/ai/account/login", alice,
                "{\"method\":\"apiKey\",\"apiKey\":\"sk-test-alice-0123456789abcdef\"}"), 200);
        assertThat(connected.get("status").asText()).isEqualTo("connected");
        JsonNode account = record(server.get("/v1/ai/account", alice), 200);
        assertThat(account.get("status").asText()).isEqualTo("connected");
        assertThat(account.get("authMode").asText()).isEqualToIgnoringCase("apiKey");

        JsonNode models = record(server.get("/v1/ai/models?provider=codex", alice), 200);
        assertThat(models.get("provider").asText()).isEqualTo("codex");
        assertThat(models.get("models")).isNotEmpty();
        String other = null;
        for (JsonNode model : models.get("models")) {
            if (!model.get("id").asText().equals(models.get("current").asText())) {
                other = model.get("id").asText();
            }
        }
        assertThat(other).isNotNull();
        JsonNode chosen = record(server.put("/v1/ai/models/current", alice, "{\"model\":\"" + other + "\"}"), 200);
        assertThat(chosen.get("current").asText()).isEqualTo(other);
        assertThat(record(server.get("/v1/ai/models", alice), 200).get("current").asText()).isEqualTo(other);
        assertThat(record(server.get("/v1/ai/account", alice), 200).get("model").asText()).isEqualTo(other);
        assertThat(server.put("/v1/ai/models/current", alice, "{\"model\":\"no-such-model\"}").status())
                .isEqualTo(400);
        // the default (gpt-5) is listed and choosable again even when the CLI's own list lacks it
        String current = models.get("current").asText();
        assertThat(models.get("models").findValuesAsText("id")).contains(current);
        assertThat(record(server.put("/v1/ai/models/current", alice, "{\"model\":\"" + current + "\"}"), 200)
                .get("current").asText()).isEqualTo(current);

        JsonNode switched = record(server.post("/v1/ai/account/switch", alice, "{}"), 202);
        assertThat(switched.get("status").asText()).isEqualTo("pending");
        assertThat(record(server.get("/v1/ai/account", alice), 200).get("status").asText()).isNotEqualTo("connected");

        record(server.post("/v1/ai/account/logout", alice, "{}"), 204);
        assertThat(record(server.get("/v1/ai/account", alice), 200).get("status").asText())
                .isEqualTo("disconnected");
        assertNoSecretsIn(responses);
        assertThat(String.join("\n", responses)).doesNotContain("sk-test-alice");
    }

    /** Connects a user by device login; returns the access token the fake issued for them. */
    private String connect(String token, String email) {
        JsonNode start = record(server.post("/v1/ai/account/login", token, "{}"), 202);
        FakeOpenAiServer.Identity identity = openAi.approve(start.get("userCode").asText(), email, "pro");
        awaitLogin(token, start.get("loginId").asText(), "connected");
        return identity.accessToken();
    }

    private void awaitLogin(String token, String loginId, String status) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                server.get("/v1/ai/account/login/" + loginId, token).json().get("status").asText().equals(status));
    }

    private JsonNode record(RunningServer.Response response, int expectedStatus) {
        responses.add(response.body());
        response.headers().forEach((name, values) -> responses.add(name + ": " + String.join(",", values)));
        assertThat(response.status()).as(response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? null : response.json();
    }

    /** No access token, id token, auth.json path, profile folder name or server secret in any response. */
    private void assertNoSecretsIn(List<String> bodies) {
        String all = String.join("\n", bodies);
        for (String issued : openAi.issuedAccessTokens()) {
            assertThat(all).doesNotContain(issued);
        }
        assertThat(all).doesNotContain("auth.json", "planted-db-password", "CODEX_HOME", "sk-test-alice",
                "alice@example.com", "bob@example.com");
        for (String folder : profileFolders()) {
            assertThat(all).doesNotContain(folder);
        }
    }

    private List<String> profileFolders() {
        Path root = dataDir.resolve("server").resolve("ai-profiles").resolve("codex");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(root)) {
            return folders.map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
