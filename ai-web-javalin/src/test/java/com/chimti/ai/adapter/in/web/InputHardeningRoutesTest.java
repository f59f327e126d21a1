package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.testing.Callers;
import com.chimti.ai.core.testing.OneShotFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's input cases on every route that takes text: control characters, wrong JSON types, duplicate keys,
 * malformed percent-encoding and out-of-range numbers are 400 {@code validation_failed}, name the field, never
 * quote the value, and write nothing; model output loses its control characters; every answer carries
 * {@code nosniff} and {@code no-store}.
 */
class InputHardeningRoutesTest extends WebTestBase {
    private static final String NUL = "\\u0000";
    private final String platformToken = TestTokens.valid(Callers.aCaller().user("ops").client("platform")
            .roles(Role.PLATFORM_ADMIN).modules().build());

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        oneShot = OneShotFixture.service(core, OneShotFixture.SMALL_CAPS);
        return builder.wallet(core.walletService).usage(core.usageService);
    }

    private int ledger() {
        return core.wallets.ledger().size();
    }

    private void refused(HttpResponse<String> response, String field) {
        JsonNode problem = assertProblem(response, 400, "validation_failed");
        if (field != null) {
            assertThat(problem.get("detail").asText()).contains("'" + field + "'");
        }
    }

    @Test
    void controlCharactersInEveryTextFieldAre400NamingTheFieldAndWriteNothing() {
        String chatId = createChat(adminToken, "{\"title\":\"kept\"}");
        Rows before = rows();
        int ledger = ledger();
        for (String control : List.of(NUL, "\\u0001", "\\u001b", "\\u001f", "\\u0008")) {
            refused(post("/v1/ai/chats", adminToken, "{\"title\":\"a" + control + "b\"}"), "title");
            refused(post("/v1/ai/chats", adminToken, "{\"title\":\"t\",\"brandId\":\"b1" + control + "\"}"),
                    "brandId");
            refused(patch("/v1/ai/chats/" + chatId, adminToken, "{\"title\":\"x" + control + "\"}"), "title");
            refused(post("/v1/ai/chats/" + chatId + "/messages", adminToken,
                    "{\"content\":\"hi" + control + "\"}"), "content");
            refused(post("/chat", adminToken, "{\"message\":\"hi" + control + "\"}"), "message");
            refused(post("/chat", adminToken, "{\"message\":\"hi\",\"context\":\"" + control + "\"}"), "context");
            refused(post("/v1/ai/chat", adminToken,
                    "{\"message\":\"hi\",\"history\":[{\"role\":\"user\",\"content\":\"" + control + "\"}]}"),
                    "history[0].content");
            refused(put("/v1/ai/models/current", adminToken, "{\"model\":\"fake-1" + control + "\"}"), "model");
            refused(post("/v1/ai/wallet/credits", platformToken, "{\"clientId\":\"w-nul\",\"amount\":5,"
                    + "\"reason\":\"r" + control + "\",\"idempotencyKey\":\"k-nul\"}"), "reason");
            refused(post("/v1/ai/wallet/credits", platformToken, "{\"clientId\":\"w-nul\",\"amount\":5,"
                    + "\"reason\":\"r\",\"idempotencyKey\":\"k" + control + "\"}"), "idempotencyKey");
        }
        // a key made up by the client is not quoted back
        JsonNode problem = assertProblem(post("/chat", adminToken,
                "{\"message\":\"hi\",\"extra\":{\"<b>x</b>\":\"" + NUL + "\"}}"), 400, "validation_failed");
        assertThat(problem.get("detail").asText()).doesNotContain("<b>");
        assertThat(rows()).isEqualTo(before);
        assertThat(ledger()).isEqualTo(ledger);
        assertThat(core.chats.findById(new com.chimti.ai.core.domain.chat.ChatId(chatId)).orElseThrow().title())
                .isEqualTo("kept");
    }

    @Test
    void tabNewlineAndCarriageReturnAreText() {
        HttpResponse<String> created = post("/v1/ai/chats", adminToken, "{\"title\":\"a\\tb\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String chatId = json(created).get("id").asText();
        HttpResponse<String> sent = post("/v1/ai/chats/" + chatId + "/messages", adminToken,
                "{\"content\":\"line 1\\r\\nline 2\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    }

    @Test
    void aStringFieldTakesOnlyAJsonString() {
        String chatId = createChat(adminToken, "{\"title\":\"kept\"}");
        Rows before = rows();
        int ledger = ledger();
        for (String value : List.of("1e999", "12345", "true", "1.5", "[\"x\"]", "{\"a\":1}")) {
            refused(post("/v1/ai/chats", adminToken, "{\"title\":" + value + "}"), "title");
            refused(patch("/v1/ai/chats/" + chatId, adminToken, "{\"title\":" + value + "}"), "title");
            refused(post("/v1/ai/chats/" + chatId + "/messages", adminToken, "{\"content\":" + value + "}"),
                    "content");
            refused(post("/chat", adminToken, "{\"message\":" + value + "}"), "message");
            refused(put("/v1/ai/models/current", adminToken, "{\"model\":" + value + "}"), "model");
            refused(post("/v1/ai/wallet/credits", platformToken, "{\"clientId\":\"w-t\",\"amount\":5,"
                    + "\"reason\":" + value + ",\"idempotencyKey\":\"k-t\"}"), "reason");
        }
        assertThat(rows()).isEqualTo(before);
        assertThat(ledger()).isEqualTo(ledger);
    }

    @Test
    void aDuplicateKeyIs400OnEveryRoute() {
        String chatId = createChat(adminToken, "{\"title\":\"kept\"}");
        Rows before = rows();
        int ledger = ledger();
        refused(post("/v1/ai/chats", adminToken, "{\"title\":\"a\",\"title\":\"b\"}"), null);
        refused(patch("/v1/ai/chats/" + chatId, adminToken, "{\"title\":\"a\",\"title\":\"b\"}"), null);
        refused(post("/v1/ai/chats/" + chatId + "/messages", adminToken, "{\"content\":\"a\",\"content\":\"b\"}"),
                null);
        refused(post("/chat", adminToken, "{\"message\":\"a\",\"message\":\"b\"}"), null);
        refused(post("/v1/ai/chat", adminToken, "{\"message\":\"a\",\"history\":[],\"history\":[]}"), null);
        refused(put("/v1/ai/models/current", adminToken, "{\"model\":\"fake-1\",\"model\":\"fake-1\"}"), null);
        refused(post("/v1/ai/wallet/credits", platformToken, "{\"clientId\":\"w-d\",\"amount\":5,\"amount\":6,"
                + "\"reason\":\"r\",\"idempotencyKey\":\"k-d\"}"), null);
        JsonNode problem = assertProblem(post("/chat", adminToken,
                "{\"message\":\"a\",\"extra\":{\"k\":1,\"k\":2}}"), 400, "validation_failed");
        assertThat(problem.get("detail").asText()).isEqualTo("request body has a duplicate key");
        assertThat(rows()).isEqualTo(before);
        assertThat(ledger()).isEqualTo(ledger);
        assertThat(core.chats.findById(new com.chimti.ai.core.domain.chat.ChatId(chatId)).orElseThrow().title())
                .isEqualTo("kept");
    }

    @Test
    void malformedQueryStringsAre400() {
        String chatId = createChat(adminToken, "{\"title\":\"kept\"}");
        Rows before = rows();
        for (String query : List.of("cursor=%ZZ", "limit=%ZZ", "limit=%", "brandId=%C3%28", "cursor=%00",
                "limit=1&limit=2", "from=%1F", "limit=99999999999", "limit=0", "cursor=AAAA",
                "from=%2B1000000000-01-01T00:00:00Z")) {
            String path = query.startsWith("from") ? "/v1/ai/usage?" + query : "/v1/ai/chats?" + query;
            RawHttp.Response raw = RawHttp.get(base, path, adminToken);
            assertThat(raw.status()).as(path + " " + raw.body()).isEqualTo(400);
            assertThat(raw.body()).contains("\"code\":\"validation_failed\"").doesNotContain("%", "ZZ");
            if (!query.startsWith("from=%2B")) { // a parameter the messages route reads, or a malformed one
                raw = RawHttp.get(base, "/v1/ai/chats/" + chatId + "/messages?" + query, adminToken);
                assertThat(raw.status()).as(query).isEqualTo(400);
            }
        }
        assertThat(get("/v1/ai/chats?limit=5&brandId=b1", adminToken).statusCode()).isEqualTo(200);
        assertThat(get("/v1/ai/chats?brandId=b%31", adminToken).statusCode()).isEqualTo(200);
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void topUpAmountsAreRangeCheckedAndTheWalletHasAMaximum() {
        int ledger = ledger();
        for (String amount : List.of(Long.toString(Wallet.MAX_BALANCE + 1), Long.toString(Long.MAX_VALUE),
                "9223372036854775808", "-9223372036854775808", "1e999")) {
            JsonNode problem = assertProblem(post("/v1/ai/wallet/credits", platformToken, "{\"clientId\":\"w-max\","
                    + "\"amount\":" + amount + ",\"reason\":\"r\",\"idempotencyKey\":\"k-" + amount + "\"}"), 400,
                    "validation_failed");
            assertThat(problem.get("detail").asText()).doesNotContain(amount);
        }
        assertThat(ledger()).isEqualTo(ledger);
        assertThat(core.wallets.find(new ClientId("w-max"), null)).isEmpty();

        HttpResponse<String> full = post("/v1/ai/wallet/credits", platformToken, "{\"clientId\":\"w-max\","
                + "\"amount\":" + Wallet.MAX_BALANCE + ",\"reason\":\"r\",\"idempotencyKey\":\"k-full\"}");
        assertThat(full.statusCode()).as(full.body()).isEqualTo(200);
        assertProblem(post("/v1/ai/wallet/credits", platformToken, "{\"clientId\":\"w-max\","
                + "\"amount\":1,\"reason\":\"r\",\"idempotencyKey\":\"k-over\"}"), 409, "conflict");
        assertThat(ledger()).isEqualTo(ledger + 1);
        assertThat(core.wallets.find(new ClientId("w-max"), null).orElseThrow().balance())
                .isEqualTo(Wallet.MAX_BALANCE);
    }

    @Test
    void aRefusedModelIsNotEchoed() {
        JsonNode problem = assertProblem(put("/v1/ai/models/current", adminToken,
                "{\"model\":\"<script>alert(1)</script>\"}"), 400, "validation_failed");
        assertThat(problem.get("detail").asText()).doesNotContain("script", "alert");
        problem = assertProblem(put("/v1/ai/models/current", adminToken,
                "{\"provider\":\"evil-provider\",\"model\":\"fake-1\"}"), 400, "validation_failed");
        assertThat(problem.get("detail").asText()).doesNotContain("evil");
    }

    @Test
    void modelOutputLosesItsControlCharactersBeforeItIsStoredOrStreamed() {
        core.provider.answering(r -> new CompletionResult("a\u0000b\u0007c\nd", new TokenUsage(3, 2), r.model(),
                TurnOutcome.COMPLETED));
        String chatId = createChat(adminToken, "{\"title\":\"t\"}");
        HttpResponse<String> sent = post("/v1/ai/chats/" + chatId + "/messages", adminToken, "{\"content\":\"hi\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(json(sent).get("assistantMessage").get("content").asText()).isEqualTo("abc\nd");
        assertThat(core.messages.all()).extracting(m -> m.content()).contains("abc\nd")
                .noneMatch(content -> content.indexOf('\u0000') >= 0);

        HttpResponse<String> streamed = send(request("/v1/ai/chats/" + chatId + "/messages", adminToken)
                .header("Accept", "text/event-stream").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"again\"}")));
        assertThat(streamed.body()).doesNotContain("\\u0000", "\\u0007");
        assertThat(streamed.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(streamed.headers().firstValue("Cache-Control")).hasValue("no-store");
        SseEvents events = SseEvents.parse(streamed.body());
        assertThat(events.first("delta").data().get("text").asText()).isEqualTo("abc\nd");

        HttpResponse<String> once = post("/chat", adminToken, "{\"mode\":\"chat\",\"message\":\"hi\"}");
        assertThat(once.statusCode()).as(once.body()).isEqualTo(200);
        assertThat(json(once).get("answer").asText()).isEqualTo("abc\nd");
    }

    @Test
    void titlesAreRedactedLikeMessages() {
        String aws = "AKIAIOSFODNN7EXAMPLE";
        HttpResponse<String> created = post("/v1/ai/chats", adminToken, "{\"title\":\"keys " + aws + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String chatId = json(created).get("id").asText();
        assertThat(created.body()).doesNotContain(aws).contains("[REDACTED:");
        HttpResponse<String> renamed = patch("/v1/ai/chats/" + chatId, adminToken,
                "{\"title\":\"sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD\"}");
        assertThat(renamed.body()).doesNotContain("sk-proj-abcdefghij").contains("[REDACTED:");
        assertThat(core.chats.findById(new com.chimti.ai.core.domain.chat.ChatId(chatId)).orElseThrow().title())
                .doesNotContain("sk-proj-abcdefghij");
    }

    @Test
    void everyAnswerCarriesNosniffAndNoStore() {
        for (HttpResponse<String> response : List.of(get("/v1/ai/chats", adminToken),
                get("/v1/ai/chats/nope", adminToken), get("/v1/ai/chats", null),
                post("/v1/ai/chats", adminToken, "{"), get("/no/such/route", adminToken))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri().toString())
                    .hasValue("nosniff");
            assertThat(response.headers().firstValue("Cache-Control")).as(response.uri().toString())
                    .hasValue("no-store");
        }
        RawHttp.Response raw = RawHttp.get(base, "/v1/ai/chats?cursor=%ZZ", adminToken);
        assertThat(raw.headers()).containsIgnoringCase("X-Content-Type-Options: nosniff")
                .containsIgnoringCase("Cache-Control: no-store");
    }
}
