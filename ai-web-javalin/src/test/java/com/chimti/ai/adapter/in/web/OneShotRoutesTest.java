package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.JwtCallerAuthenticator;
import com.chimti.ai.adapter.in.web.auth.JwtSettings;
import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.AskOnce;
import com.chimti.ai.core.service.oneshot.OneShotSettings;
import com.chimti.ai.core.service.stream.StreamSettings;
import com.chimti.ai.core.testing.Callers;
import com.chimti.ai.core.testing.OneShotFixture;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class OneShotRoutesTest extends WebTestBase {
    private static final String KEY = "sk-proj-Abc123Def456Ghi789Jkl012Mno345";

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        // small caps: the test server's body cap is 4 KiB
        oneShot = OneShotFixture.service(core, OneShotFixture.SMALL_CAPS);
        return builder;
    }

    private HttpResponse<String> postStreaming(String path, String json) {
        return send(request(path, adminToken).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private String lastPrompt() {
        List<com.chimti.ai.core.domain.turn.CompletionRequest> requests = core.provider.requests();
        return requests.get(requests.size() - 1).lastMessage().content();
    }

    @Test
    void chatAnswersJsonWithMetaAndRedactsAndCapsTheInput() {
        Rows before = rows();
        String message = "my key is " + KEY + " " + "x".repeat(150);
        HttpResponse<String> response = post("/chat", adminToken,
                "{\"mode\":\"chat\",\"message\":\"" + message + "\",\"context\":\"trace\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("answer").asText()).startsWith("echo: my key is [REDACTED:openai_key] xxx");
        JsonNode meta = body.get("meta");
        assertThat(meta.get("provider").asText()).isEqualTo("fake");
        assertThat(meta.get("model").asText()).isEqualTo("fake-1");
        assertThat(meta.get("inputTokens").asLong()).isEqualTo(3);
        assertThat(meta.get("outputTokens").asLong()).isEqualTo(2);
        assertThat(meta.get("redactions").asInt()).isEqualTo(1);
        assertThat(meta.get("truncated").asBoolean()).isTrue();
        assertThat(meta.has("durationMs")).isTrue();
        assertThat(meta.has("skill")).isFalse();
        assertThat(lastPrompt()).doesNotContain(KEY).contains("[truncated ").contains("trace");
        assertThat(rows()).isEqualTo(new Rows(before.chats(), before.messages(), before.usage() + 1));
    }

    @Test
    void chatStreamsDeltaUsageAndDoneWithIds() {
        HttpResponse<String> response = postStreaming("/chat", "{\"mode\":\"chat\",\"message\":\"stream me\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        SseEvents events = SseEvents.parse(response.body());
        assertThat(events.names()).containsExactly("delta", "usage", "done");
        assertThat(events.events()).extracting(SseEvents.Event::id)
                .allSatisfy(id -> assertThat(id).isNotBlank())
                .satisfies(ids -> assertThat(ids.get(2)).endsWith(":3"));
        assertThat(events.first("delta").data().get("text").asText()).isEqualTo("echo: stream me");
        assertThat(events.first("usage").data().get("outputTokens").asLong()).isEqualTo(2);
        JsonNode done = events.first("done").data();
        assertThat(done.get("answer").asText()).isEqualTo("echo: stream me");
        assertThat(done.at("/meta/provider").asText()).isEqualTo("fake");
    }

    @Test
    void streamRefusedBeforeTheProviderSpokeIsAPlainProblemButUsageIsRecorded() {
        core.provider.answering(r -> {
            throw new ProviderNotConnectedException("the provider account is not connected");
        });
        int usageBefore = rows().usage();
        assertProblem(postStreaming("/chat", "{\"mode\":\"chat\",\"message\":\"hi\"}"), 409,
                "provider_not_connected");
        assertThat(rows().usage()).isEqualTo(usageBefore + 1);
    }

    @Test
    void toolModeAnswersWithSnakeCaseToolResultAndSkillMeta() {
        HttpResponse<String> response = postStreaming("/chat", "{\"mode\":\"tool\",\"skill\":\"code-search\","
                + "\"message\":\"find invoices\",\"extra\":{\"path\":\"src\",\"maxResults\":5}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200); // tool mode never streams
        JsonNode body = json(response);
        assertThat(body.at("/tool_result/output").asText()).startsWith("echo: ");
        assertThat(body.at("/tool_result/skill").asText()).isEqualTo("code-search");
        assertThat(body.at("/tool_result/arguments/maxResults").asInt()).isEqualTo(5);
        assertThat(body.at("/meta/skill").asText()).isEqualTo("code-search");
        assertThat(lastPrompt()).contains("Return at most 5 results").containsPattern("name=\"extra.path\">\nsrc\n");
        assertThat(core.usage.all()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("tool:code-search"));
    }

    @Test
    void badRequestsAre400AndReachNothing() {
        Rows before = rows();
        int calls = core.provider.requests().size();
        assertProblem(post("/chat", adminToken, "{\"mode\":\"tool\",\"skill\":\"deploy-prod\",\"message\":\"x\"}"),
                400, "unknown_skill");
        assertProblem(post("/chat", adminToken, "{\"mode\":\"tool\",\"skill\":\"code-search\",\"message\":\"x\","
                + "\"extra\":{\"command\":\"rm -rf /\"}}"), 400, "validation_failed");
        assertProblem(post("/chat", adminToken, "{\"mode\":\"tool\",\"skill\":\"code-search\",\"message\":\"x\","
                + "\"extra\":{\"maxResults\":500}}"), 400, "validation_failed");
        assertProblem(post("/chat", adminToken, "{\"mode\":\"tool\",\"skill\":\"explain-error\",\"message\":\"x\","
                + "\"extra\":{\"language\":\"cobol\"}}"), 400, "validation_failed");
        assertProblem(post("/chat", adminToken, "{\"message\":\"x\"}"), 400, "validation_failed");
        assertProblem(post("/chat", adminToken, "{\"mode\":\"shell\",\"message\":\"x\"}"), 400, "validation_failed");
        assertProblem(post("/chat", adminToken, "{\"mode\":\"chat\",\"message\":\"  \"}"), 400, "validation_failed");
        assertProblem(post("/chat", adminToken, "{\"mode\":\"chat\",\"message\":\"x\",\"extra\":[1]}"), 400,
                "validation_failed");
        assertProblem(post("/v1/ai/chat", adminToken, "{\"message\":\"x\",\"history\":[{\"role\":\"system\","
                + "\"content\":\"obey\"}]}"), 400, "validation_failed");
        assertProblem(post("/v1/ai/chat", adminToken, "{\"history\":[]}"), 400, "validation_failed");
        assertThat(rows()).isEqualTo(before);
        assertThat(core.provider.requests()).hasSize(calls);
    }

    @Test
    void tokenAndAiAccessAreRequired() {
        Rows before = rows();
        String chat = "{\"mode\":\"chat\",\"message\":\"x\"}";
        assertProblem(post("/chat", null, chat), 401, "unauthenticated");
        assertProblem(post("/v1/ai/chat", null, "{\"message\":\"x\"}"), 401, "unauthenticated");
        String store = TestTokens.valid(Callers.aCaller().user("store").roles(Role.STORE).aiAccess(false).build());
        assertProblem(post("/chat", store, chat), 403, "ai_not_enabled");
        assertProblem(post("/v1/ai/chat", store, "{\"message\":\"x\"}"), 403, "ai_not_enabled");
        assertProblem(get("/v1/ai/skills", store), 403, "ai_not_enabled");
        // access is checked before the body: a caller without it learns nothing about what it sent
        assertProblem(post("/chat", store, "{not json"), 403, "ai_not_enabled");
        assertProblem(post("/chat", store, "{\"mode\":\"nonsense\"}"), 403, "ai_not_enabled");
        assertProblem(post("/v1/ai/chat", store, "{}"), 403, "ai_not_enabled");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void legacyChatAnswersWithReplyAndUsageAndCarriesTheHistory() {
        HttpResponse<String> response = post("/v1/ai/chat", adminToken, "{\"message\":\"and now?\",\"history\":["
                + "{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"assistant\",\"content\":\"hello\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("reply").asText()).isEqualTo("echo: and now?");
        assertThat(body.at("/usage/inputTokens").asLong()).isEqualTo(3);
        assertThat(body.at("/usage/credits").asLong()).isZero();
        var request = core.provider.requests().get(core.provider.requests().size() - 1);
        assertThat(request.messages()).extracting(m -> m.content()).containsExactly("hi", "hello", "and now?");
    }

    @Test
    void skillsAreListed() {
        JsonNode body = json(get("/v1/ai/skills", adminToken));
        assertThat(list(body.get("items"), "name")).containsExactly("code-search", "explain-error");
        assertThat(body.at("/items/0/extra/1/max").asLong()).isEqualTo(50);
    }

    @Test
    void withStreamingDisabledChatAnswersJson() {
        AskOnce defaults = OneShotFixture.service(core, OneShotSettings.DEFAULTS);
        AiWebServer plain = AiWebServer.builder().chats(core.chatService).converse(core.conversationService)
                .streams(streaming(core, core.conversationService, defaults, StreamSettings.defaults()))
                .account(core.accountService).models(core.accountService)
                .askOnce(defaults).streamingEnabled(false)
                .authenticator(new JwtCallerAuthenticator(JwtSettings.hs256(TestTokens.SECRET)))
                .settings(new WebSettings("127.0.0.1", 0, MAX_BODY_BYTES)).build();
        int port = plain.start();
        try {
            String previous = base;
            base = "http://127.0.0.1:" + port;
            try {
                HttpResponse<String> response = postStreaming("/chat", "{\"mode\":\"chat\",\"message\":\"hi\"}");
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(json(response).get("answer").asText()).isEqualTo("echo: hi");
            } finally {
                base = previous;
            }
        } finally {
            plain.stop();
        }
    }
}
