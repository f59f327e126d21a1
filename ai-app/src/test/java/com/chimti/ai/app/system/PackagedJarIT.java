package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.app.TokenMinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as an operator starts it: only AI_HTTP_PORT, AI_DATA_DIR and AI_AUTH_JWT_SECRET set. It
 * must serve the chat routes to any HS256 token with the contract's claims and leave nothing running after
 * SIGTERM.
 */
class PackagedJarIT {
    private static final String SECRET = "packaged-jar-secret-0123456789abcdef0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void servesTheChatRoutesWithOnlyThreeVariablesSet() throws Exception {
        int port = freePort();
        Process server = startJar(port, Map.of());
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(http, base, server);

            String token = token("operator-check");
            JsonNode chat = call(http, "POST", base + "/v1/ai/chats", token, "{\"brandId\":\"brand-x\"}", 201);
            String chatId = chat.get("id").asText();
            JsonNode turn = call(http, "POST", base + "/v1/ai/chats/" + chatId + "/messages", token,
                    "{\"content\":\"ping\"}", 200);
            assertThat(turn.at("/assistantMessage/content").asText()).contains("ping");
            JsonNode messages = call(http, "GET", base + "/v1/ai/chats/" + chatId + "/messages", token, null, 200);
            assertThat(messages.get("items")).hasSize(2);
        } finally {
            stop(server);
        }
        assertThat(postgresProcessesFor(dataDir)).as("no embedded PostgreSQL left running").isEmpty();
    }

    @Test
    void anOutsideClientConnectsACodexAccountThroughTheJar() throws Exception {
        int port = freePort();
        Set<Long> codexBefore = codexPids();
        try (FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            Path config = openAi.writeCodexConfig(dataDir.resolve("operator-codex.toml"));
            Process server = startJar(port, Map.of(
                    "CODEX_CONFIG_FILE", config.toString(),
                    "CODEX_ENV_PASSTHROUGH", FakeOpenAiServer.ISSUER_ENV,
                    FakeOpenAiServer.ISSUER_ENV, openAi.baseUrl()));
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                awaitHealthy(http, base, server);
                String token = token("codex-user");

                JsonNode login = call(http, "POST", base + "/v1/ai/account/login?provider=codex", token,
                        "{\"provider\":\"codex\",\"method\":\"device\"}", 202);
                openAi.approve(login.get("userCode").asText(), "codex.user@example.com", "plus");
                String loginUrl = base + "/v1/ai/account/login/" + login.get("loginId").asText() + "?provider=codex";
                Instant deadline = Instant.now().plusSeconds(30);
                while (!call(http, "GET", loginUrl, token, null, 200).get("status").asText().equals("connected")) {
                    assertThat(Instant.now()).as("login connects").isBefore(deadline);
                    Thread.sleep(200);
                }
                JsonNode account = call(http, "GET", base + "/v1/ai/account?provider=codex", token, null, 200);
                assertThat(account.get("status").asText()).isEqualTo("connected");
                assertThat(account.get("email").asText()).isEqualTo("c***@example.com");

                JsonNode models = call(http, "GET", base + "/v1/ai/models?provider=codex", token, null, 200);
                String chosen = models.get("models").get(models.get("models").size() - 1).get("id").asText();
                call(http, "PUT", base + "/v1/ai/models/current", token,
                        "{\"provider\":\"codex\",\"model\":\"" + chosen + "\"}", 200);
                assertThat(call(http, "GET", base + "/v1/ai/models?provider=codex", token, null, 200)
                        .get("current").asText()).isEqualTo(chosen);

                call(http, "POST", base + "/v1/ai/account/logout?provider=codex", token, "{}", 204);
                assertThat(call(http, "GET", base + "/v1/ai/account?provider=codex", token, null, 200)
                        .get("status").asText()).isEqualTo("disconnected");
            } finally {
                stop(server);
            }
            Set<Long> leftover = codexPids();
            leftover.removeAll(codexBefore);
            assertThat(leftover).as("no Codex CLI started by the server is left running").isEmpty();
        }
    }

    @Test
    void anActionTheModelProposesIsConfirmedOnceAndNotTwice() throws Exception {
        int port = freePort();
        try (FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            Path config = openAi.writeCodexConfig(dataDir.resolve("operator-codex.toml"));
            Process server = startJar(port, Map.of(
                    "AI_DEFAULT_PROVIDER", "codex",
                    "CODEX_CONFIG_FILE", config.toString(),
                    "CODEX_ENV_PASSTHROUGH", FakeOpenAiServer.ISSUER_ENV,
                    FakeOpenAiServer.ISSUER_ENV, openAi.baseUrl()));
            try {
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + port;
                awaitHealthy(http, base, server);
                String token = token("action-user");
                call(http, "POST", base + "/v1/ai/account/login?provider=codex", token,
                        "{\"method\":\"apiKey\",\"apiKey\":\"sk-action-user-0123456789abcdef\"}", 200);
                String chatId = call(http, "POST", base + "/v1/ai/chats", token, "{\"brandId\":\"brand-x\"}", 201)
                        .get("id").asText();

                // the model calls propose_action; the backend records a proposal and nothing runs yet
                openAi.proposeOnNextTurn("propose_action", "{\"actionType\":\"create_task_note\","
                        + "\"input\":{\"title\":\"Call the supplier\",\"brandId\":\"brand-x\"}}");
                JsonNode turn = call(http, "POST", base + "/v1/ai/chats/" + chatId + "/messages", token,
                        "{\"content\":\"Remind me to call the supplier\"}", 200);
                String actionId = turn.at("/assistantMessage/metadata/actionIds/0").asText();
                assertThat(actionId).isNotBlank();
                assertThat(call(http, "GET", base + "/v1/ai/actions/" + actionId, token, null, 200)
                        .get("status").asText()).isEqualTo("proposed");

                JsonNode confirmed = call(http, "POST", base + "/v1/ai/actions/" + actionId + "/confirm", token,
                        "{}", 200);
                assertThat(confirmed.get("status").asText()).isEqualTo("executed");
                JsonNode twice = call(http, "POST", base + "/v1/ai/actions/" + actionId + "/confirm", token, "{}",
                        409);
                assertThat(twice.get("code").asText()).isEqualTo("conflict");
            } finally {
                stop(server);
            }
        }
    }

    @Test
    void sigtermDuringAStreamingTurnEndsItCancelledAndSettledWithNoProcessLeft() throws Exception {
        int port = freePort();
        List<ProcessHandle> serverCodex;
        try (FakeOpenAiServer openAi = new FakeOpenAiServer()) {
            openAi.reply("A long report that the model never gets to finish.");
            Map<String, String> env = Map.of(
                    "AI_PROVIDERS", "codex",
                    "AI_SHUTDOWN_GRACE_SECONDS", "1",
                    "CODEX_CONFIG_FILE", openAi.writeCodexConfig(dataDir.resolve("operator-codex.toml")).toString(),
                    "CODEX_ENV_PASSTHROUGH", FakeOpenAiServer.ISSUER_ENV,
                    FakeOpenAiServer.ISSUER_ENV, openAi.baseUrl());
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            String token = token("sigterm-user");
            String platform = new TokenMinter(SECRET, null, null).mint(new TokenMinter.Claims("ops", "platform",
                    List.of(), List.of(), List.of("PLATFORM_ADMIN"), true, List.of("ai"), Duration.ofMinutes(5)));
            String chatId;
            Process server = startJar(port, env);
            try {
                awaitHealthy(http, base, server);
                call(http, "POST", base + "/v1/ai/wallet/credits", platform, "{\"clientId\":\"client-x\","
                        + "\"amount\":1000,\"reason\":\"trial\",\"idempotencyKey\":\"sigterm-1\"}", 200);
                call(http, "POST", base + "/v1/ai/account/login", token,
                        "{\"method\":\"apiKey\",\"apiKey\":\"sk-sigterm-test-key-0123456789abcdef\"}", 200);
                chatId = call(http, "POST", base + "/v1/ai/chats", token, "{\"brandId\":\"brand-x\"}", 201)
                        .get("id").asText();
                openAi.holdAfterDeltas(2);
                try (SseStream stream = SseStream.post(port, "/v1/ai/chats/" + chatId + "/messages", token,
                        "{\"content\":\"Write a long report\"}")) {
                    stream.next("delta", Duration.ofSeconds(60));
                    serverCodex = server.descendants()
                            .filter(p -> p.info().command().map(c -> c.endsWith("/codex")).orElse(false)).toList();
                    assertThat(serverCodex).as("the turn runs in a codex app-server of this server").isNotEmpty();
                    server.destroy(); // SIGTERM
                    List<SseStream.Event> events = stream.rest(Duration.ofSeconds(60));
                    SseStream.Event last = events.get(events.size() - 1);
                    assertThat(last.name()).isEqualTo("error");
                    assertThat(last.data().get("code").asText()).isEqualTo("cancelled");
                }
                assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
                // 143 = 128 + SIGTERM: the JVM's normal exit after its shutdown hooks ran
                assertThat(server.exitValue()).isEqualTo(143);
            } finally {
                stop(server);
            }
            // by pid, not by name: other servers on this machine may run codex at the same time
            assertThat(serverCodex).as("no Codex CLI of this server is left running")
                    .noneMatch(ProcessHandle::isAlive);
            assertThat(postgresProcessesFor(dataDir)).as("no embedded PostgreSQL left running").isEmpty();
            assertThat(Files.readString(dataDir.resolveSibling(dataDir.getFileName() + "-server.log")))
                    .contains("grace period over").contains("stopped");

            Process again = startJar(port, env);
            try {
                awaitHealthy(http, base, again);
                JsonNode wallet = call(http, "GET", base + "/v1/ai/wallet", token, null, 200);
                assertThat(wallet.get("reserved").asLong()).as("no credit hold left open").isZero();
                JsonNode usage = call(http, "GET", base + "/v1/ai/usage", token, null, 200).get("items");
                assertThat(usage).hasSize(1);
                assertThat(usage.get(0).get("outcome").asText()).isEqualTo("cancelled");
                assertThat(wallet.get("balance").asLong()).isEqualTo(1000 - usage.get(0).get("credits").asLong());
            } finally {
                stop(again);
            }
        }
    }

    /** Starts the jar from the repository root with only the three variables (plus PATH) and {@code extra}. */
    private Process startJar(int port, Map<String, String> extra) throws IOException {
        Path jar = Path.of(System.getProperty("server.jar"));
        assertThat(jar).exists();
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", jar.toString())
                .directory(Path.of(System.getProperty("repo.root")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolveSibling(dataDir.getFileName() + "-server.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AI_HTTP_PORT", Integer.toString(port));
        env.put("AI_DATA_DIR", dataDir.toString());
        env.put("AI_AUTH_JWT_SECRET", SECRET);
        env.putAll(extra);
        return builder.start();
    }

    private static void stop(Process server) throws InterruptedException {
        if (!server.isAlive()) {
            return;
        }
        server.destroy();
        assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
    }

    private static String token(String user) {
        return new TokenMinter(SECRET, null, null).mint(new TokenMinter.Claims(user, "client-x",
                List.of("brand-x"), List.of(), List.of("BRAND_SUPERADMIN"), false, List.of("ai"),
                Duration.ofMinutes(5)));
    }

    private static JsonNode call(HttpClient http, String method, String url, String token, String body,
                                 int expectedStatus) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private static void awaitHealthy(HttpClient http, String base, Process server) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            assertThat(server.isAlive()).as("server process is running").isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server did not become healthy within 90 s");
    }

    private static List<ProcessHandle> postgresProcessesFor(Path dataDir) {
        String marker = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(marker))
                        .orElse(false))
                .toList();
    }

    private static Set<Long> codexPids() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.isAlive() && p.info().command().map(c -> c.endsWith("/codex")).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
