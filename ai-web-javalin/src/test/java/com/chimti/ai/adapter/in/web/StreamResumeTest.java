package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.testing.Callers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client that lost its stream catches up with Last-Event-ID on /v1/ai/chats/{chatId}/events. */
class StreamResumeTest extends WebTestBase {

    private HttpRequest.Builder streamed(String chatId, String content) {
        return request("/v1/ai/chats/" + chatId + "/messages", adminToken).header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"" + content + "\"}"));
    }

    private HttpRequest.Builder resume(String chatId, String lastEventId) {
        HttpRequest.Builder request = request("/v1/ai/chats/" + chatId + "/events", adminToken)
                .header("Accept", "text/event-stream");
        return lastEventId == null ? request : request.header("Last-Event-ID", lastEventId);
    }

    @Test
    void replaysWhatTheClientMissedAfterTheLastEventId() {
        String chatId = createChat(adminToken, "{}");
        SseEvents original = SseEvents.parse(send(streamed(chatId, "hi")).body());
        String secondId = original.events().get(1).id();

        HttpResponse<String> resumed = send(resume(chatId, secondId));
        assertThat(resumed.statusCode()).isEqualTo(200);
        SseEvents missed = SseEvents.parse(resumed.body());
        assertThat(missed.names()).containsExactly("usage", "done");
        assertThat(missed.events()).extracting(SseEvents.Event::id)
                .containsExactlyElementsOf(original.events().subList(2, 4).stream().map(SseEvents.Event::id).toList());
    }

    @Test
    void theLastEventIdMayComeAsAQueryParameterButTheHeaderWins() {
        String chatId = createChat(adminToken, "{}");
        SseEvents original = SseEvents.parse(send(streamed(chatId, "hi")).body());
        String firstId = original.events().get(0).id();
        String secondId = original.events().get(1).id();
        String events = "/v1/ai/chats/" + chatId + "/events?lastEventId=";

        SseEvents byQuery = SseEvents.parse(send(request(events + secondId, adminToken)).body());
        assertThat(byQuery.names()).containsExactly("usage", "done");
        SseEvents byHeader = SseEvents.parse(send(request(events + secondId, adminToken)
                .header("Last-Event-ID", firstId)).body());
        assertThat(byHeader.names()).containsExactly("delta", "usage", "done");
    }

    @Test
    void withoutALastEventIdTheWholeLatestTurnIsReplayed() {
        String chatId = createChat(adminToken, "{}");
        send(streamed(chatId, "hi"));
        SseEvents replay = SseEvents.parse(send(resume(chatId, null)).body());
        assertThat(replay.names()).containsExactly("message", "delta", "usage", "done");
    }

    @Test
    void followsARunningTurnLiveUntilItEnds() throws Exception {
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
            return new CompletionResult("late answer", new TokenUsage(1, 1), r.model(), TurnOutcome.COMPLETED);
        });
        CompletableFuture<HttpResponse<String>> original =
                http.sendAsync(streamed(chatId, "slow").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<HttpResponse<String>> follower =
                http.sendAsync(resume(chatId, null).build(), HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.activeStreams() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10); // until the follower is attached while the turn is still running
        }
        assertThat(server.activeStreams()).isEqualTo(2);
        release.countDown();

        SseEvents followed = SseEvents.parse(follower.get(10, TimeUnit.SECONDS).body());
        assertThat(followed.names()).containsExactly("message", "delta", "usage", "done");
        assertThat(followed.first("delta").data().get("text").asText()).isEqualTo("late answer");
        assertThat(SseEvents.parse(original.get(10, TimeUnit.SECONDS).body()).names()).endsWith("done");
    }

    @Test
    void chatWithoutARecentTurnHasNothingToResume() {
        String chatId = createChat(adminToken, "{}");
        assertThat(send(resume(chatId, null)).statusCode()).isEqualTo(204);
    }

    @Test
    void anotherUsersChatCannotBeResumed() {
        String token = TestTokens.valid(Callers.aCaller().user("someone").build());
        String chatId = createChat(token, "{}");
        send(request("/v1/ai/chats/" + chatId + "/messages", token).header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"private\"}")));
        HttpResponse<String> response = send(resume(chatId, null));
        assertProblem(response, 404, "not_found");
        assertThat(response.body()).doesNotContain("private");
    }
}
