package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.service.stream.StreamSettings;
import com.chimti.ai.core.testing.OneShotFixture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What happens to a running turn when its client goes away: cancelled after the disconnect grace unless a client
 * resumes within it; keep-alive comments on idle streams; no connection or timer outlives its stream.
 */
class StreamLifecycleTest extends WebTestBase {
    private static final Duration GRACE = Duration.ofSeconds(2);

    private CountDownLatch running;
    private CountDownLatch cancelled;
    private CountDownLatch release;

    @BeforeEach
    void freshLatches() { // one instance serves every test of the class
        running = new CountDownLatch(1);
        cancelled = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        oneShot = OneShotFixture.service(core, OneShotFixture.SMALL_CAPS);
        streamSettings = StreamSettings.defaults().withHeartbeat(Duration.ofMillis(100)).withDisconnectGrace(GRACE);
        return builder;
    }

    @AfterEach
    void nothingLeaks() {
        release.countDown();
        awaitTrue(() -> server.activeStreams() == 0 && server.pendingTimers() == 0, "streams and timers released");
    }

    /** The provider holds the turn until it is cancelled (-> CANCELLED) or released (-> COMPLETED). */
    private void holdTurns() {
        CountDownLatch running = this.running;
        CountDownLatch cancelled = this.cancelled;
        CountDownLatch release = this.release;
        core.provider.answering(r -> {
            r.cancellation().onCancel(cancelled::countDown);
            running.countDown();
            try {
                while (cancelled.getCount() > 0 && !release.await(20, TimeUnit.MILLISECONDS)) {
                    Thread.yield();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TurnOutcome outcome = cancelled.getCount() == 0 ? TurnOutcome.CANCELLED : TurnOutcome.COMPLETED;
            return new CompletionResult("slow answer", new TokenUsage(1, 1), r.model(), outcome);
        });
    }

    private RawSse startTurn(String chatId) throws Exception {
        return RawSse.open(server.port(), "POST", "/v1/ai/chats/" + chatId + "/messages", adminToken,
                "{\"content\":\"take your time\"}");
    }

    private HttpRequest.Builder resume(String chatId, String lastEventId) {
        return request("/v1/ai/chats/" + chatId + "/events", adminToken).header("Accept", "text/event-stream")
                .header("Last-Event-ID", lastEventId);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aClientThatLeavesAndDoesNotComeBackCancelsTheTurnAfterTheGrace() throws Exception {
        holdTurns();
        String chatId = createChat(adminToken, "{}");
        String messageId;
        try (RawSse stream = startTurn(chatId)) {
            messageId = stream.readUntil("id: ").substring(4);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        }
        long left = System.nanoTime();
        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the turn was cancelled").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - left)).isGreaterThanOrEqualTo(GRACE);

        SseEvents rest = SseEvents.parse(send(resume(chatId, messageId)).body());
        assertThat(rest.last().name()).isEqualTo("error");
        assertThat(rest.last().data().get("code").asText()).isEqualTo("cancelled");
    }

    @Test
    void aClientThatResumesWithinTheGraceKeepsTheTurnRunning() throws Exception {
        holdTurns();
        String chatId = createChat(adminToken, "{}");
        String messageId;
        try (RawSse stream = startTurn(chatId)) {
            messageId = stream.readUntil("id: ").substring(4);
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        }
        // the server noticed (a keep-alive write failed) and the grace timer runs
        awaitTrue(() -> server.activeStreams() == 0 && server.pendingTimers() == 1, "the grace timer started");

        CompletableFuture<HttpResponse<String>> resumed =
                http.sendAsync(resume(chatId, messageId).build(), HttpResponse.BodyHandlers.ofString());
        awaitTrue(() -> server.activeStreams() == 1 && server.pendingTimers() == 0, "the resume called it off");
        release.countDown();

        SseEvents rest = SseEvents.parse(resumed.get(10, TimeUnit.SECONDS).body());
        assertThat(rest.names()).containsExactly("delta", "usage", "done");
        assertThat(cancelled.getCount()).as("never cancelled").isEqualTo(1);
    }

    @Test
    void anIdleStreamReceivesKeepAliveComments() throws Exception {
        holdTurns();
        String chatId = createChat(adminToken, "{}");
        try (RawSse stream = startTurn(chatId)) {
            stream.readUntil("event: message");
            assertThat(stream.readUntil(":")).isEqualTo(": keep-alive");
            release.countDown();
            stream.readUntil("event: done");
        }
    }

    @Test
    void streamsThatEndNormallyReleaseEverything() {
        String chatId = createChat(adminToken, "{}");
        HttpResponse<String> response = send(request("/v1/ai/chats/" + chatId + "/messages", adminToken)
                .header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"hi\"}")));
        assertThat(SseEvents.parse(response.body()).names()).endsWith("done");
        assertThat(SseEvents.parse(send(resume(chatId, "none")).body()).names()).endsWith("done");
        HttpResponse<String> oneShot = send(request("/chat", adminToken).header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mode\":\"chat\",\"message\":\"hi\"}")));
        assertThat(SseEvents.parse(oneShot.body()).names()).endsWith("done");
        // nothingLeaks() checks the counters: no connection counted, no heartbeat or grace timer left
    }
}
