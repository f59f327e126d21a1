package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.testing.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MessageRoutesTest extends WebTestBase {

    private String messages(String chatId) {
        return "/v1/ai/chats/" + chatId + "/messages";
    }

    private HttpResponse<String> postStreaming(String chatId, String content) {
        return send(streamingRequest(chatId, content));
    }

    private HttpRequest.Builder streamingRequest(String chatId, String content) {
        return request(messages(chatId), adminToken).header("Accept", "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"" + content + "\"}"));
    }

    private void answerWith(TurnOutcome outcome) {
        core.provider.answering(r -> new CompletionResult("partial", new TokenUsage(1, 1), r.model(), outcome));
    }

    @Test
    void jsonTurnAnswersWithBothMessagesAndUsage() {
        String chatId = createChat(adminToken, "{}");
        HttpResponse<String> response = post(messages(chatId), adminToken, "{\"content\":\"hello\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode turn = json(response);
        assertThat(turn.at("/userMessage/content").asText()).isEqualTo("hello");
        assertThat(turn.at("/userMessage/role").asText()).isEqualTo("user");
        assertThat(turn.at("/userMessage/chatId").asText()).isEqualTo(chatId);
        assertThat(turn.at("/assistantMessage/content").asText()).isEqualTo("echo: hello");
        assertThat(turn.at("/assistantMessage/role").asText()).isEqualTo("assistant");
        assertThat(turn.at("/assistantMessage/metadata/outcome").asText()).isEqualTo("completed");
        assertThat(turn.at("/usage/inputTokens").asLong()).isEqualTo(3);
        assertThat(turn.at("/usage/outputTokens").asLong()).isEqualTo(2);
        assertThat(turn.at("/usage/credits").asLong()).isZero();
    }

    @Test
    void listsMessagesOldestFirstInPages() {
        String chatId = createChat(adminToken, "{}");
        post(messages(chatId), adminToken, "{\"content\":\"one\"}");
        post(messages(chatId), adminToken, "{\"content\":\"two\"}");

        JsonNode first = json(get(messages(chatId) + "?limit=3", adminToken));
        assertThat(list(first.get("items"), "content")).containsExactly("one", "echo: one", "two");
        JsonNode second = json(get(messages(chatId) + "?limit=3&cursor=" + first.get("nextCursor").asText(),
                adminToken));
        assertThat(list(second.get("items"), "content")).containsExactly("echo: two");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void streamedTurnSendsMessageDeltaUsageAndDone() {
        String chatId = createChat(adminToken, "{}");
        HttpResponse<String> response = postStreaming(chatId, "stream me");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        SseEvents events = SseEvents.parse(response.body());
        assertThat(events.names()).containsExactly("message", "delta", "usage", "done");
        String key = events.first("message").data().get("userMessageId").asText();
        assertThat(events.events()).extracting(SseEvents.Event::id)
                .containsExactly(key + ":1", key + ":2", key + ":3", key + ":4");
        assertThat(events.first("delta").data().get("text").asText()).isEqualTo("echo: stream me");
        assertThat(events.first("usage").data().get("inputTokens").asLong()).isEqualTo(3);
        assertThat(events.first("usage").data().has("credits")).isTrue();
        JsonNode answer = events.first("done").data().get("assistantMessage");
        assertThat(answer.get("content").asText()).isEqualTo("echo: stream me");
        String userMessageId = events.first("message").data().get("userMessageId").asText();
        assertThat(core.messages.all()).anySatisfy(m -> assertThat(m.id().value()).isEqualTo(userMessageId));
    }

    @Test
    void streamedTurnRefusedBeforeItStartsIsAPlainProblem() {
        String chatId = createChat(TestTokens.valid(Callers.aCaller().user("other").build()), "{}");
        assertProblem(postStreaming(chatId, "hi"), 404, "not_found");
    }

    @Test
    void cancelledTurnEndsTheStreamWithCancelled() {
        String chatId = createChat(adminToken, "{}");
        answerWith(TurnOutcome.CANCELLED);
        SseEvents events = SseEvents.parse(postStreaming(chatId, "hi").body());
        assertThat(events.last().name()).isEqualTo("error");
        assertThat(events.last().data().get("code").asText()).isEqualTo("cancelled");
    }

    @Test
    void timedOutTurnEndsTheStreamWithProviderTimeout() {
        String chatId = createChat(adminToken, "{}");
        answerWith(TurnOutcome.TIMED_OUT);
        SseEvents events = SseEvents.parse(postStreaming(chatId, "hi").body());
        assertThat(events.last().data().get("code").asText()).isEqualTo("provider_timeout");
    }

    @Test
    void providerFailureAfterTheStreamOpenedIsAnErrorEvent() {
        String chatId = createChat(adminToken, "{}");
        core.provider.answering(r -> {
            throw new RateLimitedException("usage limit reached", Duration.ofSeconds(30));
        });
        SseEvents events = SseEvents.parse(postStreaming(chatId, "hi").body());
        assertThat(events.names()).containsExactly("message", "error");
        assertThat(events.last().data().get("code").asText()).isEqualTo("rate_limited");
    }

    @Test
    void cancelledTurnInJsonModeIsConflictCancelled() {
        String chatId = createChat(adminToken, "{}");
        answerWith(TurnOutcome.CANCELLED);
        assertProblem(post(messages(chatId), adminToken, "{\"content\":\"hi\"}"), 409, "cancelled");
    }

    @Test
    void timedOutTurnInJsonModeIsGatewayTimeout() {
        String chatId = createChat(adminToken, "{}");
        answerWith(TurnOutcome.TIMED_OUT);
        assertProblem(post(messages(chatId), adminToken, "{\"content\":\"hi\"}"), 504, "provider_timeout");
    }

    @Test
    void cancelStopsARunningStreamedTurn() throws Exception {
        String chatId = createChat(adminToken, "{}");
        CountDownLatch running = new CountDownLatch(1);
        core.provider.answering(r -> {
            CountDownLatch cancelled = new CountDownLatch(1);
            r.cancellation().onCancel(cancelled::countDown);
            running.countDown();
            try {
                cancelled.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CompletionResult("part", TokenUsage.NONE, r.model(), TurnOutcome.CANCELLED);
        });
        CompletableFuture<HttpResponse<String>> stream =
                http.sendAsync(streamingRequest(chatId, "long one").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> cancel = post("/v1/ai/chats/" + chatId + "/cancel", adminToken, "");
        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(json(cancel).get("cancelled").asBoolean()).isTrue();

        SseEvents events = SseEvents.parse(stream.get(10, TimeUnit.SECONDS).body());
        assertThat(events.last().name()).isEqualTo("error");
        assertThat(events.last().data().get("code").asText()).isEqualTo("cancelled");
    }

    @Test
    void secondTurnWhileOneIsRunningIsConflict() throws Exception {
        String chatId = createChat(adminToken, "{}");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        core.provider.answering(r -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CompletionResult("done", TokenUsage.NONE, r.model(), TurnOutcome.COMPLETED);
        });
        CompletableFuture<HttpResponse<String>> first = http.sendAsync(request(messages(chatId), adminToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"first\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        Rows before = rows();
        assertProblem(post(messages(chatId), adminToken, "{\"content\":\"second\"}"), 409, "conflict");
        assertThat(rows()).isEqualTo(before);
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void cancelWithNothingRunningIsStillAccepted() {
        String chatId = createChat(adminToken, "{}");
        HttpResponse<String> cancel = post("/v1/ai/chats/" + chatId + "/cancel", adminToken, "");
        assertThat(cancel.statusCode()).isEqualTo(202);
        assertThat(json(cancel).get("cancelled").asBoolean()).isFalse();
    }

    @Test
    void rateLimitedTurnIsTooManyRequestsWithRetryAfter() {
        String chatId = createChat(adminToken, "{}");
        core.provider.answering(r -> {
            throw new RateLimitedException("usage limit reached", Duration.ofMillis(29_500));
        });
        HttpResponse<String> response = post(messages(chatId), adminToken, "{\"content\":\"hi\"}");
        assertProblem(response, 429, "rate_limited");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("30");
    }

    @Test
    void providerNotConnectedIsConflict() {
        String chatId = createChat(adminToken, "{}");
        core.provider.answering(r -> {
            throw new ProviderNotConnectedException("connect your account first");
        });
        assertProblem(post(messages(chatId), adminToken, "{\"content\":\"hi\"}"), 409, "provider_not_connected");
    }

    @Test
    void unexpectedFailureIsABareInternalError() {
        String chatId = createChat(adminToken, "{}");
        core.provider.answering(r -> {
            throw new IllegalStateException("jdbc:postgresql://db/secret password=hunter2 at /srv/app.java");
        });
        HttpResponse<String> response = post(messages(chatId), adminToken, "{\"content\":\"hi\"}");
        assertProblem(response, 500, "internal_error");
        assertThat(response.body()).doesNotContain("hunter2", "jdbc", "/srv", "IllegalState");
    }

    @Test
    void missingContentIsBadRequest() {
        String chatId = createChat(adminToken, "{}");
        Rows before = rows();
        assertProblem(post(messages(chatId), adminToken, "{}"), 400, "validation_failed");
        assertProblem(post(messages(chatId), adminToken, "{\"content\":\"   \"}"), 400, "validation_failed");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void malformedJsonIsBadRequest() {
        String chatId = createChat(adminToken, "{}");
        Rows before = rows();
        assertProblem(post(messages(chatId), adminToken, "{content: hi}"), 400, "validation_failed");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void messageOverTheBodyCapIsTooLarge() {
        String chatId = createChat(adminToken, "{}");
        Rows before = rows();
        String big = "{\"content\":\"" + "x".repeat((int) MAX_BODY_BYTES) + "\"}";
        assertProblem(post(messages(chatId), adminToken, big), 413, "payload_too_large");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void callerWithoutAiAccessCannotPostMessages() {
        String chatId = createChat(adminToken, "{}");
        Rows before = rows();
        String noAi = TestTokens.valid(Callers.aCaller().modules().build());
        assertProblem(post(messages(chatId), noAi, "{\"content\":\"hi\"}"), 403, "ai_not_enabled");
        assertProblem(post(messages(chatId), noAi, "{\"content\":"), 403, "ai_not_enabled"); // before the body
        assertProblem(post(messages(chatId), noAi, "{}"), 403, "ai_not_enabled");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void anotherUsersChatMessagesAreNotFound() {
        String chatId = createChat(TestTokens.valid(Callers.aCaller().user("owner2").build()), "{}");
        assertProblem(get(messages(chatId), adminToken), 404, "not_found");
        assertProblem(post("/v1/ai/chats/" + chatId + "/cancel", adminToken, ""), 404, "not_found");
    }
}
