package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.JwtCallerAuthenticator;
import com.chimti.ai.adapter.in.web.auth.JwtSettings;
import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.adapter.in.web.http.RequestIds;
import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.in.AskOnce;
import com.chimti.ai.core.port.in.Converse;
import com.chimti.ai.core.port.out.TurnEventLog;
import com.chimti.ai.core.service.oneshot.OneShotSettings;
import com.chimti.ai.core.service.stream.StreamSettings;
import com.chimti.ai.core.service.stream.TurnStreamService;
import com.chimti.ai.core.testing.Callers;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.OneShotFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** One real server per test class, wired on the core fixture, with a small body cap so 413 is cheap to test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebTestBase {
    static final long MAX_BODY_BYTES = 4096;

    protected final Caller admin = Callers.brandAdmin();
    protected final String adminToken = TestTokens.valid(admin);
    protected CoreFixture core;
    /**
     * The use cases the routes and the streams run on, and the streams' settings; configure() may replace them
     * (no one-shot routes while {@code oneShot} is null).
     */
    protected Converse converse;
    protected AskOnce oneShot;
    protected StreamSettings streamSettings = StreamSettings.defaults();
    protected AiWebServer server;
    protected HttpClient http;
    protected String base;

    /** The row counts of every in-memory store, to prove a refused request wrote nothing. */
    record Rows(int chats, int messages, int usage) {
    }

    @BeforeAll
    void startServer() {
        core = new CoreFixture();
        converse = core.conversationService;
        AiWebServer.Builder builder = configure(AiWebServer.builder()
                .chats(core.chatService)
                .account(core.accountService)
                .models(core.accountService)
                .authenticator(new JwtCallerAuthenticator(JwtSettings.hs256(TestTokens.SECRET)))
                .settings(new WebSettings("127.0.0.1", 0, MAX_BODY_BYTES)));
        // what configure() chose, so the routes and the streams run on the same use cases
        builder.converse(converse).streams(streaming(core, converse,
                oneShot != null ? oneShot : OneShotFixture.service(core, OneShotSettings.DEFAULTS), streamSettings));
        if (oneShot != null) {
            builder.askOnce(oneShot);
        }
        server = builder.build();
        base = "http://127.0.0.1:" + server.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** The core's streaming use case on {@code core}, with no other instance to share turns with. */
    static AiWebServer.Streaming streaming(CoreFixture core, Converse converse, AskOnce oneShot,
                                           StreamSettings settings) {
        return (turns, timers) -> new TurnStreamService(converse, oneShot, core.chatService, TurnEventLog.NONE,
                settings, turns, timers);
    }

    /** Subclasses add readiness checks and the like, and may replace the use cases and settings above. */
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder;
    }

    @AfterAll
    void stopServer() {
        server.stop();
    }

    @AfterEach
    void resetProvider() {
        core.provider.answering(r -> new CompletionResult("echo: " + r.lastMessage().content(),
                new TokenUsage(3, 2), r.model(), TurnOutcome.COMPLETED));
    }

    Rows rows() {
        return new Rows(core.chats.size(), core.messages.all().size(), core.usage.all().size());
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String token) {
        return send(request(path, token).GET());
    }

    HttpResponse<String> delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    HttpResponse<String> post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> patch(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return WebJson.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** Asserts a problem+json answer with the status and code, and nothing internal in it. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("type").asText()).endsWith(code);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("requestId").asText())
                .isEqualTo(response.headers().firstValue(RequestIds.HEADER).orElseThrow());
        assertThat(response.body()).doesNotContain("Exception", "at com.", "at io.", ".java");
        return body;
    }

    String createChat(String token, String json) {
        HttpResponse<String> response = post("/v1/ai/chats", token, json);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    static List<String> list(JsonNode array, String field) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false)
                .map(node -> node.get(field).asText()).toList();
    }
}
