package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
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
        Process server = builder.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            awaitHealthy(http, base, server);

            String token = new TokenMinter(SECRET, null, null).mint(new TokenMinter.Claims("operator-check",
                    "client-x", List.of("brand-x"), List.of(), List.of("BRAND_SUPERADMIN"), false, List.of("ai"),
                    Duration.ofMinutes(5)));
            JsonNode chat = call(http, base + "/v1/ai/chats", token, "{\"brandId\":\"brand-x\"}", 201);
            String chatId = chat.get("id").asText();
            JsonNode turn = call(http, base + "/v1/ai/chats/" + chatId + "/messages", token,
                    "{\"content\":\"ping\"}", 200);
            assertThat(turn.at("/assistantMessage/content").asText()).contains("ping");
            JsonNode messages = call(http, base + "/v1/ai/chats/" + chatId + "/messages", token, null, 200);
            assertThat(messages.get("items")).hasSize(2);
        } finally {
            server.destroy();
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
        }
        assertThat(postgresProcessesFor(dataDir)).as("no embedded PostgreSQL left running").isEmpty();
    }

    private static JsonNode call(HttpClient http, String url, String token, String body, int expectedStatus)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
        request = body == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        return JSON.readTree(response.body());
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static {
        // the IT writes its server log beside the temp dir; make sure the parent exists in odd setups
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException ignored) {
            // the temp dir exists in every normal setup
        }
    }
}
