package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.app.TokenMinter;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator starts it: only AI_HTTP_PORT, AI_DATA_DIR and AI_AUTH_JWT_SECRET set. It
 * must serve the chat routes to any HS256 token with the contract's claims and leave nothing running after
 * SIGTERM.
 */
class PackagedJarIT {
    @TempDir
    Path dataDir;

    @Test
    void servesTheChatRoutesWithOnlyThreeVariablesSet() throws Exception {
        try (JarServer server = JarServer.start(dataDir, Map.of())) {
            String token = token("operator-check");
            JsonNode chat = call(server, "POST", "/v1/ai/chats", token, "{\"brandId\":\"brand-x\"}", 201);
            String chatId = chat.get("id").asText();
            JsonNode turn = call(server, "POST", "/v1/ai/chats/" + chatId + "/messages", token,
                    "{\"content\":\"ping\"}", 200);
            assertThat(turn.at("/assistantMessage/content").asText()).contains("ping");
            JsonNode messages = call(server, "GET", "/v1/ai/chats/" + chatId + "/messages", token, null, 200);
            assertThat(messages.get("items")).hasSize(2);
        }
        assertThat(JarServer.postgresProcessesFor(dataDir)).as("no embedded PostgreSQL left running").isEmpty();
    }

    @Test
    void anOutsideClientConnectsACodexAccountThroughTheJar() throws Exception {
        Set<Long> codexBefore = JarServer.codexPids();
        try (FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            try (JarServer server = JarServer.start(dataDir, codexVariables(openAi, Map.of()))) {
                String token = token("codex-user");

                JsonNode login = call(server, "POST", "/v1/ai/account/login?provider=codex", token,
                        "{\"provider\":\"codex\",\"method\":\"device\"}", 202);
                openAi.approve(login.get("userCode").asText(), "codex.user@example.com", "plus");
                String loginPath = "/v1/ai/account/login/" + login.get("loginId").asText() + "?provider=codex";
                Instant deadline = Instant.now().plusSeconds(30);
                while (!call(server, "GET", loginPath, token, null, 200).get("status").asText().equals("connected")) {
                    assertThat(Instant.now()).as("login connects").isBefore(deadline);
                    Thread.sleep(200);
                }
                JsonNode account = call(server, "GET", "/v1/ai/account?provider=codex", token, null, 200);
                assertThat(account.get("status").asText()).isEqualTo("connected");
                assertThat(account.get("email").asText()).isEqualTo("c***@example.com");

                JsonNode models = call(server, "GET", "/v1/ai/models?provider=codex", token, null, 200);
                String chosen = models.get("models").get(models.get("models").size() - 1).get("id").asText();
                call(server, "PUT", "/v1/ai/models/current", token,
                        "{\"provider\":\"codex\",\"model\":\"" + chosen + "\"}", 200);
                assertThat(call(server, "GET", "/v1/ai/models?provider=codex", token, null, 200)
                        .get("current").asText()).isEqualTo(chosen);

                call(server, "POST", "/v1/ai/account/logout?provider=codex", token, "{}", 204);
                assertThat(call(server, "GET", "/v1/ai/account?provider=codex", token, null, 200)
                        .get("status").asText()).isEqualTo("disconnected");
            }
            Set<Long> leftover = JarServer.codexPids();
            leftover.removeAll(codexBefore);
            assertThat(leftover).as("no Codex CLI started by the server is left running").isEmpty();
        }
    }

    @Test
    void anActionTheModelProposesIsConfirmedOnceAndNotTwice() throws Exception {
        try (FakeOpenAiServer openAi = new FakeOpenAiServer();
             JarServer server = JarServer.start(dataDir,
                     codexVariables(openAi, Map.of("AI_DEFAULT_PROVIDER", "codex")))) {
            String token = token("action-user");
            call(server, "POST", "/v1/ai/account/login?provider=codex", token,
                    "{\"method\":\"apiKey\",\"apiKey\":\"sk-action-user-0123456789abcdef\"}", 200);
            String chatId = call(server, "POST", "/v1/ai/chats", token, "{\"brandId\":\"brand-x\"}", 201)
                    .get("id").asText();

            // the model calls propose_action; the backend records a proposal and nothing runs yet
            openAi.proposeOnNextTurn("propose_action", "{\"actionType\":\"create_task_note\","
                    + "\"input\":{\"title\":\"Call the supplier\",\"brandId\":\"brand-x\"}}");
            JsonNode turn = call(server, "POST", "/v1/ai/chats/" + chatId + "/messages", token,
                    "{\"content\":\"Remind me to call the supplier\"}", 200);
            String actionId = turn.at("/assistantMessage/metadata/actionIds/0").asText();
            assertThat(actionId).isNotBlank();
            assertThat(call(server, "GET", "/v1/ai/actions/" + actionId, token, null, 200)
                    .get("status").asText()).isEqualTo("proposed");

            JsonNode confirmed = call(server, "POST", "/v1/ai/actions/" + actionId + "/confirm", token,
                    "{}", 200);
            assertThat(confirmed.get("status").asText()).isEqualTo("executed");
            JsonNode twice = call(server, "POST", "/v1/ai/actions/" + actionId + "/confirm", token, "{}", 409);
            assertThat(twice.get("code").asText()).isEqualTo("conflict");
        }
    }

    @Test
    void sigtermDuringAStreamingTurnEndsItCancelledAndSettledWithNoProcessLeft() throws Exception {
        List<ProcessHandle> serverCodex;
        try (FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            openAi.reply("A long report that the model never gets to finish.");
            Map<String, String> env = codexVariables(openAi, Map.of(
                    "AI_PROVIDERS", "codex",
                    "AI_SHUTDOWN_GRACE_SECONDS", "1"));
            String token = token("sigterm-user");
            String platform = new TokenMinter(JarServer.SECRET, null, null).mint(new TokenMinter.Claims("ops",
                    "platform", List.of(), List.of(), List.of("PLATFORM_ADMIN"), true, List.of("ai"),
                    Duration.ofMinutes(5)));
            String chatId;
            try (JarServer server = JarServer.start(dataDir, env)) {
                call(server, "POST", "/v1/ai/wallet/credits", platform, "{\"clientId\":\"client-x\","
                        + "\"amount\":1000,\"reason\":\"trial\",\"idempotencyKey\":\"sigterm-1\"}", 200);
                call(server, "POST", "/v1/ai/account/login", token,
                        "{\"method\":\"apiKey\",\"apiKey\":\"sk-sigterm-test-key-0123456789abcdef\"}", 200);
                chatId = call(server, "POST", "/v1/ai/chats", token, "{\"brandId\":\"brand-x\"}", 201)
                        .get("id").asText();
                openAi.holdAfterDeltas(2);
                try (SseStream stream = SseStream.post(server.port(), "/v1/ai/chats/" + chatId + "/messages", token,
                        "{\"content\":\"Write a long report\"}")) {
                    stream.next("delta", Duration.ofSeconds(60));
                    serverCodex = server.descendants()
                            .filter(p -> p.info().command().map(c -> c.endsWith("/codex")).orElse(false)).toList();
                    assertThat(serverCodex).as("the turn runs in a codex app-server of this server").isNotEmpty();
                    server.sigterm();
                    List<SseStream.Event> events = stream.rest(Duration.ofSeconds(60));
                    SseStream.Event last = events.get(events.size() - 1);
                    assertThat(last.name()).isEqualTo("error");
                    assertThat(last.data().get("code").asText()).isEqualTo("cancelled");
                }
                // 143 = 128 + SIGTERM: the JVM's normal exit after its shutdown hooks ran
                assertThat(server.awaitExit()).isEqualTo(143);
            }
            // by pid, not by name: other servers on this machine may run codex at the same time
            assertThat(serverCodex).as("no Codex CLI of this server is left running")
                    .noneMatch(ProcessHandle::isAlive);
            assertThat(JarServer.postgresProcessesFor(dataDir)).as("no embedded PostgreSQL left running").isEmpty();
            assertThat(Files.readString(dataDir.resolveSibling(dataDir.getFileName() + "-server.log")))
                    .contains("grace period over").contains("stopped");

            try (JarServer again = JarServer.start(dataDir, env)) {
                JsonNode wallet = call(again, "GET", "/v1/ai/wallet", token, null, 200);
                assertThat(wallet.get("reserved").asLong()).as("no credit hold left open").isZero();
                JsonNode usage = call(again, "GET", "/v1/ai/usage", token, null, 200).get("items");
                assertThat(usage).hasSize(1);
                assertThat(usage.get(0).get("outcome").asText()).isEqualTo("cancelled");
                assertThat(wallet.get("balance").asLong()).isEqualTo(1000 - usage.get(0).get("credits").asLong());
            }
        }
    }

    /** The Codex CLI pointed at {@code openAi} (config and issuer), plus {@code extra}. */
    private Map<String, String> codexVariables(FakeOpenAiServer openAi, Map<String, String> extra) {
        return JarServer.withDefaults(Map.of(
                "CODEX_CONFIG_FILE", openAi.writeCodexConfig(dataDir.resolve("operator-codex.toml")).toString(),
                "CODEX_ENV_PASSTHROUGH", FakeOpenAiServer.ISSUER_ENV,
                FakeOpenAiServer.ISSUER_ENV, openAi.baseUrl()), extra);
    }

    private static String token(String user) {
        return JarServer.token(user, "client-x", List.of("brand-x"), List.of("BRAND_SUPERADMIN"));
    }

    /** Sends one request, checks its status and returns its JSON body. */
    private static JsonNode call(JarServer server, String method, String path, String token, String body,
                                 int expectedStatus) throws Exception {
        JarServer.Reply reply = server.send(method, path, token, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(expectedStatus);
        return reply.json();
    }
}
