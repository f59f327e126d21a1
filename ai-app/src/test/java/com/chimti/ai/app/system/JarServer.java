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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The packaged jar started as an operator starts it (a clean environment: PATH plus the given variables), with a
 * small HTTP client. {@link #kill()} is a crash (SIGKILL); {@link #close()} is a normal stop (SIGTERM).
 */
final class JarServer implements AutoCloseable {
    static final String SECRET = "packaged-jar-secret-0123456789abcdef0123";
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    private final Process process;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private JarServer(Process process, int port) {
        this.process = process;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Starts the jar with its data under {@code dataDir} and waits until {@code /healthz} answers. */
    static JarServer start(Path dataDir, Map<String, String> variables) throws Exception {
        Path jar = Path.of(System.getProperty("server.jar"));
        assertThat(jar).exists();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                .directory(Path.of(System.getProperty("repo.root")).toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dataDir.resolveSibling(dataDir.getFileName() + "-server.log").toFile()));
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AI_HTTP_PORT", Integer.toString(port));
        env.put("AI_DATA_DIR", dataDir.toString());
        env.put("AI_AUTH_JWT_SECRET", SECRET);
        env.putAll(variables);
        JarServer server = new JarServer(builder.start(), port);
        server.awaitHealthy();
        return server;
    }

    static String token(String user, String client, List<String> brands, List<String> roles) {
        return new TokenMinter(SECRET, null, null).mint(new TokenMinter.Claims(user, client, brands, List.of(),
                roles, false, List.of("ai"), Duration.ofMinutes(10)));
    }

    Reply get(String path, String token) throws Exception {
        return send("GET", path, token, null);
    }

    Reply post(String path, String token, String body) throws Exception {
        return send("POST", path, token, body);
    }

    Reply send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        OpenApiContract.get().verify(new OpenApiContract.Exchange(built.method(), built.uri(),
                RunningServer.firstValues(built), body, response.statusCode(), response.headers().map(),
                response.body()));
        return new Reply(response.statusCode(), response.body(), response);
    }

    int port() {
        return Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    }

    long pid() {
        return process.pid();
    }

    /** The server's child processes and theirs. */
    Stream<ProcessHandle> descendants() {
        return process.descendants();
    }

    /** Sends SIGTERM without waiting, so a test can watch what the server does while it stops. */
    void sigterm() {
        process.destroy();
    }

    /** Waits for the server to exit after a {@link #sigterm()} and returns its exit code. */
    int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
        return process.exitValue();
    }

    /** A crash: SIGKILL, no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed server exits").isTrue();
    }

    /** A normal stop: SIGTERM, which must end the server within a minute. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
    }

    private void awaitHealthy() throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("server process is running").isTrue();
            try {
                if (get("/healthz", null).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("server did not become healthy within 90 s");
    }

    /** Live native Codex processes on this machine. */
    static Set<Long> codexPids() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.isAlive() && p.info().command().map(c -> c.endsWith("/codex")).orElse(false))
                .map(ProcessHandle::pid)
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Embedded PostgreSQL processes whose command line names {@code dataDir}. */
    static List<ProcessHandle> postgresProcessesFor(Path dataDir) {
        String marker = dataDir.toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(marker))
                        .orElse(false))
                .toList();
    }

    static Map<String, String> withDefaults(Map<String, String> base, Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(base);
        all.putAll(extra);
        return all;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
