package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.app.TokenMinter;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar with AI_EXTENSIONS_DIR holding the example extension's jar (examples/orders-extension, from
 * the reactor): the server loads it on a class loader of its own ({@code java -jar} ignores the class path),
 * migrates its tables in their own Flyway history on the shared PostgreSQL, and serves its {@code flag_order}
 * action over HTTP exactly as a built-in one: proposed in a chat turn (the stub's {@code propose ...}), confirmed
 * once, refused the second time, invisible to another client.
 */
class HostExtensionJarIT {
    @TempDir
    Path dataDir;

    @TempDir
    Path extensions;

    private static String token(String user, String client, String brand, String location) {
        return new TokenMinter(JarServer.SECRET, null, null).mint(new TokenMinter.Claims(user, client,
                List.of(brand), List.of(location), List.of("STORE"), true, List.of("ai"), Duration.ofMinutes(10)));
    }

    private static JsonNode call(JarServer server, String method, String path, String token, String body,
                                 int expectedStatus) throws Exception {
        JarServer.Reply reply = server.send(method, path, token, body);
        assertThat(reply.status()).as(reply.body()).isEqualTo(expectedStatus);
        return reply.json();
    }

    @Test
    void theExtensionsActionIsProposedConfirmedOnceAndItsTableMigrated() throws Exception {
        Path ordersJar = Path.of(System.getProperty("orders.extension.jar"));
        assertThat(ordersJar).as("the example extension's jar, built by the reactor").exists();
        Files.copy(ordersJar, extensions.resolve("orders-extension.jar"));

        try (SharedDatabase database = SharedDatabase.create();
             JarServer server = JarServer.start(dataDir, Map.of(
                     "AI_EXTENSIONS_DIR", extensions.toString(),
                     "AI_DB_URL", database.jdbcUrl(),
                     "AI_DB_USER", SharedDatabase.USER,
                     "AI_PROVIDERS", "openai-stub"))) {
            String log = Files.readString(dataDir.resolveSibling(dataDir.getFileName() + "-server.log"));
            assertThat(log).contains("extension orders loaded: actions [flag_order], 1 context sources");
            assertThat(database.queryLong("SELECT count(*) FROM flyway_history_ext_orders WHERE success"))
                    .as("the baseline and V1").isEqualTo(2);
            database.update("INSERT INTO host_orders (id, client_id, brand_id, location_id, summary, status, due_at)"
                    + " VALUES ('o-1', 'client-x', 'brand-x', 'loc-x', 'Brake pads', 'open', ?)",
                    Timestamp.from(LocalDate.now(ZoneOffset.UTC).atTime(12, 0).toInstant(ZoneOffset.UTC)));

            String store = token("store-user", "client-x", "brand-x", "loc-x");
            String chatId = call(server, "POST", "/v1/ai/chats", store,
                    "{\"brandId\":\"brand-x\",\"locationId\":\"loc-x\"}", 201).get("id").asText();
            JsonNode turn = call(server, "POST", "/v1/ai/chats/" + chatId + "/messages", store,
                    "{\"content\":\"propose flag_order orderId=o-1 locationId=loc-x reason=late\"}", 200);
            String actionId = turn.at("/assistantMessage/metadata/actionIds/0").asText();
            assertThat(actionId).isNotBlank();
            JsonNode proposed = call(server, "GET", "/v1/ai/actions/" + actionId, store, null, 200);
            assertThat(proposed.get("actionType").asText()).isEqualTo("flag_order");
            assertThat(proposed.get("status").asText()).isEqualTo("proposed");
            assertThat(database.queryLong("SELECT count(*) FROM host_order_flags")).isZero();

            // another client replaying the id sees nothing and confirms nothing
            String other = token("other-user", "client-y", "brand-y", "loc-x");
            assertThat(call(server, "GET", "/v1/ai/actions/" + actionId, other, null, 404).get("code").asText())
                    .isEqualTo("not_found");
            call(server, "POST", "/v1/ai/actions/" + actionId + "/confirm", other, "{}", 404);

            JsonNode confirmed = call(server, "POST", "/v1/ai/actions/" + actionId + "/confirm", store, "{}", 200);
            assertThat(confirmed.get("status").asText()).isEqualTo("executed");
            assertThat(confirmed.at("/result/orderId").asText()).isEqualTo("o-1");
            JsonNode twice = call(server, "POST", "/v1/ai/actions/" + actionId + "/confirm", store, "{}", 409);
            assertThat(twice.get("code").asText()).isEqualTo("conflict");
            assertThat(database.queryLong("SELECT count(*) FROM host_order_flags WHERE action_id = ?", actionId))
                    .isEqualTo(1);
            assertThat(database.queryLong("SELECT count(*) FROM host_order_flags")).isEqualTo(1);
        }
    }
}
