package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.AiWebServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The document cannot drift from the server: the routes a fully wired server serves (every optional route group,
 * the console and {@code /metrics} on) are exactly the document's, and what it serves at
 * {@code /v1/ai/openapi.json} is the document the system tests check every exchange against.
 */
class OpenApiRoutesSystemTest {
    @TempDir
    Path dataDir;

    @Test
    void theServersRoutesAreExactlyTheDocumentsAndItServesThatDocument() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("AI_CONSOLE_ENABLED", "true"))) {
            TreeSet<String> served = new TreeSet<>(server.server.instance(AiWebServer.class).routes());
            TreeSet<String> documented = OpenApiContract.get().routes();

            TreeSet<String> undocumented = new TreeSet<>(served);
            undocumented.removeAll(documented);
            TreeSet<String> notServed = new TreeSet<>(documented);
            notServed.removeAll(served);
            assertThat(undocumented).as("routes the server has but the OpenAPI document lacks").isEmpty();
            assertThat(notServed).as("routes the OpenAPI document lists but the server lacks").isEmpty();

            RunningServer.Response published = server.get("/v1/ai/openapi.json", null);
            assertThat(published.status()).isEqualTo(200);
            JsonNode document = published.json();
            assertThat(document).isEqualTo(OpenApiContract.get().document());
            assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        }
    }

    @Test
    void everyPublicOperationIsReachableWithoutATokenAndNoOtherIs() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of("AI_CONSOLE_ENABLED", "true"))) {
            JsonNode paths = OpenApiContract.get().document().get("paths");
            paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
                boolean isPublic = operation.getValue().has("security")
                        && operation.getValue().get("security").isEmpty();
                if (!operation.getKey().equals("get")) {
                    assertThat(isPublic).as(operation.getKey() + " " + path.getKey()).isFalse();
                    return;
                }
                if (path.getKey().contains("{")) {
                    return; // the token is checked before the path's ids: a made-up id says nothing more
                }
                int status = server.get(path.getKey(), null).status();
                if (isPublic) {
                    assertThat(status).as(path.getKey()).isNotEqualTo(401);
                } else {
                    assertThat(status).as(path.getKey()).isEqualTo(401);
                }
            }));
        }
    }
}
