package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foundation over real HTTP: chats and messages on the embedded PostgreSQL, kept across a restart. */
class ChatSystemTest {
    @TempDir
    Path dataDir;

    @Test
    void aChatAndItsMessagesSurviveARestart() {
        String alice = RunningServer.adminToken("alice");
        RunningServer server = RunningServer.start(dataDir, Map.of());
        try {
            RunningServer.Response created = server.post("/v1/ai/chats", alice,
                    "{\"title\":\"Stock questions\",\"brandId\":\"brand-1\"}");
            assertThat(created.status()).isEqualTo(201);
            String chatId = created.json().get("id").asText();
            assertThat(created.json().get("provider").asText()).isEqualTo("openai-stub");

            RunningServer.Response turn = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                    "{\"content\":\"How many tyres are in stock?\"}");
            assertThat(turn.status()).isEqualTo(200);
            assertThat(turn.json().at("/assistantMessage/content").asText()).contains("How many tyres are in stock?");
            assertThat(turn.json().at("/usage/outputTokens").asLong()).isPositive();

            server = server.restart();

            JsonNode chats = server.get("/v1/ai/chats", alice).json();
            assertThat(chats.get("items")).extracting(c -> c.get("id").asText()).containsExactly(chatId);
            JsonNode messages = server.get("/v1/ai/chats/" + chatId + "/messages", alice).json().get("items");
            assertThat(messages).extracting(m -> m.get("role").asText()).containsExactly("user", "assistant");
            assertThat(messages.get(1).get("content").asText()).contains("tyres");
        } finally {
            server.close();
        }
    }

    @Test
    void usersSeeOnlyTheirOwnChatsAndOutsidersAreTurnedAway() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            String alice = RunningServer.adminToken("alice");
            String bob = RunningServer.adminToken("bob");
            String chatId = server.post("/v1/ai/chats", alice, "{}").json().get("id").asText();

            assertThat(server.get("/v1/ai/chats/" + chatId, bob).status()).isEqualTo(404);
            assertThat(server.get("/v1/ai/chats", bob).json().get("items")).isEmpty();
            assertThat(server.get("/v1/ai/chats", null).status()).isEqualTo(401);

            String store = RunningServer.token("carol", "client-1", List.of("brand-1"), List.of("STORE"), false);
            RunningServer.Response refused = server.post("/v1/ai/chats", store, "{}");
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("code").asText()).isEqualTo("ai_not_enabled");

            RunningServer.Response foreignBrand = server.post("/v1/ai/chats", alice, "{\"brandId\":\"brand-9\"}");
            assertThat(foreignBrand.status()).isEqualTo(403);
            assertThat(server.get("/v1/ai/chats", alice).json().get("items")).hasSize(1);
        }
    }

    @Test
    void healthAndReadinessNeedNoToken() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            assertThat(server.get("/healthz", null).status()).isEqualTo(200);
            RunningServer.Response ready = server.get("/readyz", null);
            assertThat(ready.status()).isEqualTo(200);
        }
    }
}
