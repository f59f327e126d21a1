package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.service.stream.StreamSettings;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The per-turn journal is bounded: a resume that needs a dropped event is told so instead of being given a hole. */
class StreamBoundsTest extends WebTestBase {

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        streamSettings = StreamSettings.defaults().withJournalBounds(3, 1 << 20); // a turn has 4 events
        return builder;
    }

    private HttpRequest.Builder resume(String chatId) {
        return request("/v1/ai/chats/" + chatId + "/events", adminToken).header("Accept", "text/event-stream");
    }

    @Test
    void aResumeFromADroppedEventIsReplayUnavailableButLaterOnesWork() throws Exception {
        String chatId = createChat(adminToken, "{}");
        CountDownLatch release = new CountDownLatch(1);
        core.provider.answering(r -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CompletionResult("hello", new TokenUsage(1, 1), r.model(), TurnOutcome.COMPLETED);
        });
        String key;
        try (RawSse live = RawSse.open(server.port(), "POST", "/v1/ai/chats/" + chatId + "/messages", adminToken,
                "{\"content\":\"hi\"}")) {
            String firstId = live.readUntil("id: ").substring(4);
            key = firstId.substring(0, firstId.lastIndexOf(':'));
            release.countDown(); // the live reader has the message; the 3 events still to come fit the journal
            assertThat(live.readUntil("event: ")).isEqualTo("event: message");
            assertThat(live.readUntil("event: ")).isEqualTo("event: delta");
            assertThat(live.readUntil("event: ")).isEqualTo("event: usage");
            assertThat(live.readUntil("event: ")).isEqualTo("event: done");
        }

        HttpResponse<String> fromStart = send(resume(chatId));
        assertThat(fromStart.statusCode()).isEqualTo(200);
        SseEvents unavailable = SseEvents.parse(fromStart.body());
        assertThat(unavailable.names()).containsExactly("error");
        assertThat(unavailable.last().data().get("code").asText()).isEqualTo("replay_unavailable");
        assertThat(unavailable.last().id()).isEqualTo(key + ":0");

        SseEvents kept = SseEvents.parse(send(resume(chatId).header("Last-Event-ID", key + ":1")).body());
        assertThat(kept.names()).containsExactly("delta", "usage", "done");
    }
}
