package com.chimti.ai.adapter.in.web.front;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.in.web.AiWebServer;
import com.chimti.ai.adapter.in.web.WebSettings;
import com.chimti.ai.adapter.in.web.auth.UnauthenticatedException;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.out.TurnEventLog;
import com.chimti.ai.core.service.oneshot.OneShotSettings;
import com.chimti.ai.core.service.stream.StreamSettings;
import com.chimti.ai.core.service.stream.TurnStreamService;
import com.chimti.ai.core.testing.Callers;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.OneShotFixture;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI document, the console and CORS, on a real server over the in-memory core. */
class FrontDoorTest {
    private static final String ALLOWED = "https://app.example.com";
    private static final String TOKEN = "good-token";
    private static final Caller ADMIN = Callers.brandAdmin();

    private final HttpClient http = HttpClient.newHttpClient();
    private AiWebServer server;
    private String base;

    private void start(FrontSettings front) {
        CoreFixture core = new CoreFixture();
        server = AiWebServer.builder()
                .chats(core.chatService)
                .converse(core.conversationService)
                .streams((turns, timers) -> new TurnStreamService(core.conversationService,
                        OneShotFixture.service(core, OneShotSettings.DEFAULTS), core.chatService,
                        TurnEventLog.NONE, StreamSettings.defaults(), turns, timers))
                .account(core.accountService)
                .models(core.accountService)
                .authenticator(token -> {
                    if (!token.equals(TOKEN)) {
                        throw new UnauthenticatedException("unknown token");
                    }
                    return ADMIN;
                })
                .settings(new WebSettings("127.0.0.1", 0))
                .front(front)
                .build();
        base = "http://127.0.0.1:" + server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        return send("GET", path, Map.of());
    }

    @Test
    void theOpenApiDocumentIsServedWithoutATokenAndListsEveryRouteOfTheServer() throws IOException {
        start(FrontSettings.defaults());
        HttpResponse<String> response = get("/v1/ai/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode document = new ObjectMapper().readTree(response.body());
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        for (String route : server.routes()) {
            String[] methodAndPath = route.split(" ", 2);
            assertThat(document.path("paths").path(methodAndPath[1]).has(methodAndPath[0].toLowerCase()))
                    .as("%s is in the document", route).isTrue();
        }
        assertThat(server.routes()).contains("GET /v1/ai/openapi.json").noneMatch(r -> r.contains("/console"));
    }

    @Test
    void theConsoleIsServedOnlyWhenEnabledAndOnlyItsOwnFilesArePublic() {
        start(new FrontSettings(true, List.of()));

        HttpResponse<String> page = get("/console");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleRoutes.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(get("/console/").statusCode()).isEqualTo(200);
        HttpResponse<String> script = get("/console/console.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript;charset=utf-8");
        assertThat(get("/console/console.css").headers().firstValue("Content-Type")).hasValue("text/css;charset=utf-8");

        // anything else under /console is like an unknown path: 401 without a token, 404 with one
        assertThat(get("/console/secrets.txt").statusCode()).isEqualTo(401);
        assertThat(get("/console/..%2Fv1%2Fai%2Fchats").statusCode()).isIn(400, 401);
        assertThat(send("GET", "/console/secrets.txt", Map.of("Authorization", "Bearer " + TOKEN)).statusCode())
                .isEqualTo(404);
        assertThat(server.routes()).contains("GET /console", "GET /console/{file}");
    }

    @Test
    void withoutTheConsoleItsPathIsAnUnknownOne() {
        start(FrontSettings.defaults());
        assertThat(get("/console").statusCode()).isEqualTo(401);
        assertThat(send("GET", "/console", Map.of("Authorization", "Bearer " + TOKEN)).statusCode()).isEqualTo(404);
    }

    @Test
    void anAllowedOriginGetsItsPreflightAnsweredAndMayReadAnswers() {
        start(new FrontSettings(false, List.of(ALLOWED)));

        HttpResponse<String> preflight = send("OPTIONS", "/v1/ai/chats", Map.of("Origin", ALLOWED,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
                .hasValue("Authorization, Content-Type, Last-Event-ID");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                methods -> assertThat(methods).contains("GET", "POST", "PUT", "PATCH", "DELETE"));
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(preflight.headers().firstValue("X-Request-Id")).isPresent();

        HttpResponse<String> list = send("GET", "/v1/ai/chats", Map.of("Origin", ALLOWED,
                "Authorization", "Bearer " + TOKEN));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
        assertThat(list.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                exposed -> assertThat(exposed).contains("X-Request-Id", "Retry-After"));
        assertThat(list.headers().firstValue("Vary")).hasValue("Origin");

        // a refusal is readable too, so the page can show its problem code
        HttpResponse<String> refused = send("GET", "/v1/ai/chats", Map.of("Origin", ALLOWED));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED);
    }

    @Test
    void anyOtherOriginGetsNoCorsHeadersAndItsPreflightMeetsTheTokenCheck() {
        start(new FrontSettings(false, List.of(ALLOWED)));

        for (String origin : List.of("https://evil.example.com", "https://app.example.com:8443", "null",
                "http://app.example.com")) {
            HttpResponse<String> preflight = send("OPTIONS", "/v1/ai/chats", Map.of("Origin", origin,
                    "Access-Control-Request-Method", "POST"));
            assertThat(preflight.statusCode()).as(origin).isEqualTo(401);
            assertThat(preflight.headers().map().keySet()).as(origin)
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
            HttpResponse<String> list = send("GET", "/v1/ai/chats", Map.of("Origin", origin,
                    "Authorization", "Bearer " + TOKEN));
            assertThat(list.statusCode()).isEqualTo(200);
            assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).as(origin).isEmpty();
        }
    }

    @Test
    void withoutOriginsNothingChanges() {
        start(FrontSettings.defaults());
        HttpResponse<String> preflight = send("OPTIONS", "/v1/ai/chats", Map.of("Origin", ALLOWED,
                "Access-Control-Request-Method", "POST"));
        assertThat(preflight.statusCode()).isEqualTo(401);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void originsAreExactBrowserOrigins() {
        assertThat(new FrontSettings(false, List.of("http://localhost:5173", "https://app.example.com"))
                .corsOrigins()).hasSize(2);
        for (String bad : List.of("*", "null", "app.example.com", "https://app.example.com/",
                "https://app.example.com/path", "https://App.example.com", "https://app.example.com:443",
                "ftp://app.example.com", "https://user@app.example.com", "https://app.example.com?x=1")) {
            assertThatThrownBy(() -> new FrontSettings(false, List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
