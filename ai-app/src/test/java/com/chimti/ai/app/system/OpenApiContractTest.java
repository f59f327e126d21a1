package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The referee itself: it passes what the document says and fails, readably, what it does not. */
class OpenApiContractTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.get();
    private static final Map<String, List<String>> JSON = Map.of("Content-Type", List.of("application/json"),
            "X-Request-Id", List.of("r1"));
    private static final Map<String, List<String>> PROBLEM = Map.of("Content-Type",
            List.of("application/problem+json"), "X-Request-Id", List.of("r1"));
    private static final String CHAT = "{\"id\":\"c1\",\"title\":\"stock\",\"provider\":\"codex\",\"model\":\"gpt-5\","
            + "\"brandId\":\"brand-1\",\"locationId\":null,\"createdAt\":\"2026-11-23T19:24:10.512034Z\","
            + "\"updatedAt\":\"2026-11-23T19:24:10.512034Z\"}";
    private static final String NOT_FOUND = "{\"type\":\"urn:chimti:ai:problem:not_found\",\"title\":\"Not Found\","
            + "\"status\":404,\"detail\":\"chat not found\",\"code\":\"not_found\",\"requestId\":\"r1\"}";

    private static OpenApiContract.Exchange exchange(String method, String uri, String requestBody, int status,
                                                     Map<String, List<String>> headers, String responseBody) {
        return new OpenApiContract.Exchange(method, URI.create("http://127.0.0.1" + uri), Map.of(), requestBody,
                status, headers, responseBody);
    }

    @Test
    void theDocumentHoldsTogether() {
        JsonNode document = CONTRACT.document();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(document.at(ref.substring(1)).isMissingNode())
                .as("%s resolves", ref).isFalse());
        Set<String> operationIds = new HashSet<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            assertThat(operationIds.add(op.getValue().get("operationId").asText())).as("unique operationId").isTrue();
            assertThat(op.getValue().has("summary")).isTrue();
            List<String> declared = new ArrayList<>();
            op.getValue().path("parameters").forEach(parameter -> {
                JsonNode resolved = parameter.has("$ref") ? document.at(parameter.get("$ref").asText().substring(1))
                        : parameter;
                if (resolved.get("in").asText().equals("path")) {
                    declared.add(resolved.get("name").asText());
                }
            });
            List<String> templated = new ArrayList<>();
            java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            while (names.find()) {
                templated.add(names.group(1));
            }
            assertThat(declared).as("path parameters of %s %s", op.getKey(), path.getKey())
                    .containsExactlyInAnyOrderElementsOf(templated);
        }));
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.has("$ref")) {
            refs.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    @Test
    void documentedExchangesPass() {
        assertThatCode(() -> CONTRACT.verify(exchange("POST", "/v1/ai/chats", "{\"title\":\"stock\"}", 201, JSON,
                CHAT))).doesNotThrowAnyException();
        assertThatCode(() -> CONTRACT.verify(exchange("GET", "/v1/ai/chats/c1", null, 404, PROBLEM, NOT_FOUND)))
                .doesNotThrowAnyException();
        assertThatCode(() -> CONTRACT.verify(exchange("GET", "/v1/ai/nowhere", null, 404, PROBLEM, NOT_FOUND)))
                .doesNotThrowAnyException();
        assertThatCode(() -> CONTRACT.verify(exchange("GET", "/v1/ai/chats?limit=500", null, 400, PROBLEM,
                NOT_FOUND.replace("404", "400")))).as("a refused bad request").doesNotThrowAnyException();
    }

    @Test
    void aResponseThatDoesNotFitItsSchemaFails() {
        assertThatThrownBy(() -> CONTRACT.verify(exchange("GET", "/v1/ai/chats/c1", null, 200, JSON,
                CHAT.replace("\"title\":\"stock\",", "")))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /v1/ai/chats/c1 -> 200").hasMessageContaining("title");
        assertThatThrownBy(() -> CONTRACT.verify(exchange("GET", "/v1/ai/chats/c1", null, 200, JSON,
                CHAT.replace("}", ",\"secret\":1}")))).hasMessageContaining("secret");
        assertThatThrownBy(() -> CONTRACT.verify(exchange("GET", "/v1/ai/chats/c1", null, 200, JSON,
                CHAT.replace("2026-11-23T19:24:10.512034Z", "yesterday")))).hasMessageContaining("createdAt");
    }

    @Test
    void anUndocumentedStatusOrMediaTypeFails() {
        assertThatThrownBy(() -> CONTRACT.verify(exchange("POST", "/v1/ai/chats", "{}", 200, JSON, CHAT)))
                .hasMessageContaining("status 200 is not documented for POST /v1/ai/chats");
        assertThatThrownBy(() -> CONTRACT.verify(exchange("GET", "/v1/ai/chats/c1", null, 200,
                Map.of("Content-Type", List.of("text/html"), "X-Request-Id", List.of("r1")), CHAT)))
                .hasMessageContaining("text/html");
        assertThatThrownBy(() -> CONTRACT.verify(exchange("GET", "/v1/ai/chats/c1", null, 200,
                Map.of("Content-Type", List.of("application/json")), CHAT))).hasMessageContaining("X-Request-Id");
    }

    @Test
    void aForbiddenRequestTheServerAcceptsFails() {
        assertThatThrownBy(() -> CONTRACT.verify(exchange("POST", "/v1/ai/chats", "{\"title\":7}", 201, JSON, CHAT)))
                .hasMessageContaining("a request the document forbids").hasMessageContaining("title");
        assertThatThrownBy(() -> CONTRACT.verify(exchange("GET", "/v1/ai/chats?limit=0", null, 200, JSON,
                "{\"items\":[],\"nextCursor\":null}"))).hasMessageContaining("limit");
        assertThatThrownBy(() -> CONTRACT.verify(exchange("PATCH", "/v1/ai/chats/c1", "{\"title\":\"a\",\"title\":\"b\"}",
                200, JSON, CHAT))).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> CONTRACT.verify(exchange("GET", "/v1/ai/nowhere", null, 200, JSON, "{}")))
                .hasMessageContaining("no documented operation matches");
    }

    @Test
    void sseEventsAreCheckedByName() {
        OpenApiContract.Stream stream = CONTRACT.stream(exchange("POST", "/v1/ai/chats/c1/messages",
                "{\"content\":\"hi\"}", 200, Map.of("Content-Type", List.of("text/event-stream;charset=utf-8"),
                        "X-Request-Id", List.of("r1")), null));
        assertThatCode(() -> stream.event("delta", "{\"text\":\"Hel\"}")).doesNotThrowAnyException();
        assertThatThrownBy(() -> stream.event("delta", "{\"txt\":\"Hel\"}")).hasMessageContaining("delta");
        assertThatThrownBy(() -> stream.event("surprise", "{}")).hasMessageContaining("surprise");
    }
}
