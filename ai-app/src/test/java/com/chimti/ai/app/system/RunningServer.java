package com.chimti.ai.app.system;

import com.chimti.ai.app.AiServer;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.TokenMinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real server on a random port, its data under a test folder, and a small HTTP client for it that holds every
 * exchange to the published OpenAPI document ({@link OpenApiContract}).
 */
final class RunningServer implements AutoCloseable {
    static final String JWT_SECRET = "system-test-secret-0123456789abcdef0123456789";
    static final ObjectMapper JSON = new ObjectMapper();

    final Map<String, String> environment;
    final AiServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RunningServer(Map<String, String> environment) {
        this.environment = environment;
        this.server = AiServer.start(AppConfig.fromEnvironment(environment), environment);
    }

    static RunningServer start(Path dataDir, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>();
        environment.put("AI_HTTP_PORT", "0");
        environment.put("AI_HTTP_HOST", "127.0.0.1");
        environment.put("AI_DATA_DIR", dataDir.toString());
        environment.put("AI_AUTH_JWT_SECRET", JWT_SECRET);
        environment.put("AI_PROVIDERS", "openai-stub");
        environment.put("AI_STUB_DELTA_DELAY_MS", "1");
        environment.put("AI_SHUTDOWN_GRACE_SECONDS", "0"); // tests stop at once, cancelling what still runs
        environment.putAll(extra);
        return new RunningServer(environment);
    }

    /** The same server again on the same data, as after a restart. */
    RunningServer restart() {
        server.close();
        return new RunningServer(environment);
    }

    static String token(String user, String client, List<String> brands, List<String> roles, boolean aiAccess) {
        return new TokenMinter(JWT_SECRET, null, null).mint(new TokenMinter.Claims(user, client, brands, List.of(),
                roles, aiAccess, List.of("ai"), Duration.ofHours(1)));
    }

    static String adminToken(String user) {
        return token(user, "client-1", List.of("brand-1"), List.of("BRAND_ADMIN"), false);
    }

    Response get(String path, String token) {
        return send(request(path, token).GET(), null);
    }

    Response delete(String path, String token) {
        return send(request(path, token).DELETE(), null);
    }

    Response post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), body);
    }

    Response put(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)), body);
    }

    /** Creates a chat (title "stock", brand-1) for the caller of {@code token} and returns its id. */
    String newChat(String token) {
        return post("/v1/ai/chats", token, "{\"title\":\"stock\",\"brandId\":\"brand-1\"}").json().get("id").asText();
    }

    /** Sends {@code content} to a chat and opens the turn's event stream. */
    SseStream stream(String chatId, String token, String content) {
        return SseStream.post(server.port(), "/v1/ai/chats/" + chatId + "/messages", token,
                "{\"content\":\"" + content + "\"}");
    }

    /** Any request with extra headers (e.g. {@code X-Request-Id}); a null body sends none. */
    Response send(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder builder = request(path, token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::header);
        return send(builder, body);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    /** Sends, then checks the exchange against the OpenAPI document: a violation fails the calling test. */
    private Response send(HttpRequest.Builder builder, String body) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            OpenApiContract.get().verify(new OpenApiContract.Exchange(request.method(), request.uri(),
                    firstValues(request), body, response.statusCode(), response.headers().map(), response.body()));
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> firstValues(HttpRequest request) {
        Map<String, String> headers = new HashMap<>();
        request.headers().map().forEach((name, values) -> headers.put(name, values.get(0)));
        return headers;
    }

    @Override
    public void close() {
        server.close();
    }

    record Response(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
