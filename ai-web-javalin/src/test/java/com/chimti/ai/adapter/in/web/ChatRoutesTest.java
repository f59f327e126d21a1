package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.testing.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatRoutesTest extends WebTestBase {

    @Test
    void createsGetsRenamesAndDeletesAChat() {
        HttpResponse<String> created = post("/v1/ai/chats", adminToken,
                "{\"title\":\"Quarterly plan\",\"brandId\":\"b1\",\"locationId\":\"l1\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode chat = json(created);
        String id = chat.get("id").asText();
        assertThat(chat.get("title").asText()).isEqualTo("Quarterly plan");
        assertThat(chat.get("provider").asText()).isEqualTo("fake");
        assertThat(chat.get("model").asText()).isEqualTo("fake-1");
        assertThat(chat.get("brandId").asText()).isEqualTo("b1");
        assertThat(chat.get("locationId").asText()).isEqualTo("l1");
        assertThat(chat.get("createdAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        assertThat(json(get("/v1/ai/chats/" + id, adminToken)).get("title").asText()).isEqualTo("Quarterly plan");

        HttpResponse<String> renamed = patch("/v1/ai/chats/" + id, adminToken, "{\"title\":\"Renamed\"}");
        assertThat(renamed.statusCode()).isEqualTo(200);
        assertThat(json(renamed).get("title").asText()).isEqualTo("Renamed");

        assertThat(delete("/v1/ai/chats/" + id, adminToken).statusCode()).isEqualTo(204);
        assertProblem(get("/v1/ai/chats/" + id, adminToken), 404, "not_found");
    }

    @Test
    void createWithoutBodyGivesADefaultChatWithNullFieldsPresent() {
        HttpResponse<String> created = send(request("/v1/ai/chats", adminToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode chat = json(created);
        assertThat(chat.get("title").asText()).isEqualTo("New chat");
        assertThat(chat.has("brandId")).isTrue();
        assertThat(chat.get("brandId").isNull()).isTrue();
    }

    @Test
    void massAssignedFieldsAreIgnored() {
        HttpResponse<String> created = post("/v1/ai/chats", adminToken,
                "{\"title\":\"mine\",\"id\":\"forced\",\"userId\":\"someone-else\",\"provider\":\"evil\"}");
        JsonNode chat = json(created);
        assertThat(chat.get("id").asText()).isNotEqualTo("forced");
        assertThat(chat.get("provider").asText()).isEqualTo("fake");
        assertThat(core.chats.findById(new com.chimti.ai.core.domain.chat.ChatId(chat.get("id").asText()))
                .orElseThrow().userId()).isEqualTo(admin.userId());
    }

    @Test
    void listsOnlyTheCallersChatsInPages() {
        String token = TestTokens.valid(Callers.aCaller().user("pager").build());
        createChat(token, "{\"title\":\"one\",\"brandId\":\"b1\"}");
        createChat(token, "{\"title\":\"two\",\"brandId\":\"b2\"}");
        createChat(token, "{\"title\":\"three\",\"brandId\":\"b1\"}");
        createChat(TestTokens.valid(Callers.aCaller().user("stranger").build()), "{\"title\":\"not yours\"}");

        JsonNode first = json(get("/v1/ai/chats?limit=2", token));
        assertThat(list(first.get("items"), "title")).containsExactly("three", "two");
        String cursor = first.get("nextCursor").asText();

        JsonNode second = json(get("/v1/ai/chats?limit=2&cursor=" + cursor, token));
        assertThat(list(second.get("items"), "title")).containsExactly("one");
        assertThat(second.get("nextCursor").isNull()).isTrue();

        JsonNode brandOne = json(get("/v1/ai/chats?brandId=b1", token));
        assertThat(list(brandOne.get("items"), "title")).containsExactly("three", "one");
    }

    @Test
    void anotherUsersChatIsNotFound() {
        String chatId = createChat(TestTokens.valid(Callers.aCaller().user("owner").build()), "{\"title\":\"x\"}");
        Rows before = rows();
        assertProblem(get("/v1/ai/chats/" + chatId, adminToken), 404, "not_found");
        assertProblem(patch("/v1/ai/chats/" + chatId, adminToken, "{\"title\":\"mine now\"}"), 404, "not_found");
        assertProblem(delete("/v1/ai/chats/" + chatId, adminToken), 404, "not_found");
        assertProblem(post("/v1/ai/chats/" + chatId + "/messages", adminToken, "{\"content\":\"hi\"}"),
                404, "not_found");
        assertThat(rows()).isEqualTo(before);
        assertThat(core.chats.findById(new com.chimti.ai.core.domain.chat.ChatId(chatId)).orElseThrow().title())
                .isEqualTo("x");
    }

    @Test
    void brandOutsideTheCallersScopeIsForbidden() {
        Rows before = rows();
        assertProblem(post("/v1/ai/chats", adminToken, "{\"brandId\":\"b9\"}"), 403, "forbidden");
        assertProblem(get("/v1/ai/chats?brandId=b9", adminToken), 403, "forbidden");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void locationOutsideTheCallersScopeIsForbidden() {
        Rows before = rows();
        assertProblem(post("/v1/ai/chats", adminToken, "{\"brandId\":\"b1\",\"locationId\":\"l9\"}"),
                403, "forbidden");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void bodyOverTheCapIsTooLarge() {
        Rows before = rows();
        String big = "{\"title\":\"" + "x".repeat((int) MAX_BODY_BYTES) + "\"}";
        assertProblem(post("/v1/ai/chats", adminToken, big), 413, "payload_too_large");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void bodyOverTheCapIsTooLargeEvenWithoutAToken() {
        String big = "{\"title\":\"" + "x".repeat((int) MAX_BODY_BYTES) + "\"}";
        assertProblem(post("/v1/ai/chats", null, big), 413, "payload_too_large");
    }

    @Test
    void chunkedBodyOverTheCapIsTooLarge() {
        Rows before = rows();
        byte[] big = ("{\"title\":\"" + "x".repeat((int) MAX_BODY_BYTES) + "\"}").getBytes();
        // an input-stream publisher has no known length, so the client sends it chunked
        HttpResponse<String> response = send(request("/v1/ai/chats", adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertProblem(response, 413, "payload_too_large");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void chunkedBodyUnderTheCapIsAccepted() {
        byte[] small = "{\"title\":\"chunked\"}".getBytes();
        HttpResponse<String> response = send(request("/v1/ai/chats", adminToken)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))));
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).get("title").asText()).isEqualTo("chunked");
    }

    @Test
    void malformedJsonIsBadRequest() {
        Rows before = rows();
        assertProblem(post("/v1/ai/chats", adminToken, "{\"title\": "), 400, "validation_failed");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void aCallerWithoutAiAccessIsForbiddenBeforeItsBodyIsRead() {
        String chatId = createChat(adminToken, "{\"title\":\"x\"}");
        Rows before = rows();
        String noAi = TestTokens.valid(Callers.aCaller().user("clerk").modules().build());
        assertProblem(post("/v1/ai/chats", noAi, "{\"title\": "), 403, "ai_not_enabled");
        assertProblem(patch("/v1/ai/chats/" + chatId, noAi, "{}"), 403, "ai_not_enabled");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void wronglyTypedFieldIsBadRequest() {
        Rows before = rows();
        JsonNode problem = assertProblem(post("/v1/ai/chats", adminToken, "{\"title\":{\"a\":1}}"),
                400, "validation_failed");
        assertThat(problem.get("detail").asText()).contains("title");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void renameWithoutTitleIsBadRequest() {
        String id = createChat(adminToken, "{\"title\":\"keep\"}");
        Rows before = rows();
        assertProblem(patch("/v1/ai/chats/" + id, adminToken, "{}"), 400, "validation_failed");
        assertThat(rows()).isEqualTo(before);
        assertThat(json(get("/v1/ai/chats/" + id, adminToken)).get("title").asText()).isEqualTo("keep");
    }

    @Test
    void badPagingParametersAreBadRequests() {
        for (String query : List.of("limit=0", "limit=201", "limit=abc", "cursor=%25%25not-base64")) {
            assertProblem(get("/v1/ai/chats?" + query, adminToken), 400, "validation_failed");
        }
    }

    @Test
    void malformedChatIdIsBadRequest() {
        assertProblem(get("/v1/ai/chats/" + "x".repeat(200), adminToken), 400, "validation_failed");
    }
}
