package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One connection reading a journal, with a sink standing in for the socket. */
class SseFollowerTest {
    private static final SseSettings SETTINGS = SseSettings.defaults().withHeartbeat(Duration.ofMillis(50))
            .withConnectionBounds(5, 1 << 20);

    /** Records what was written; can hold the first write of events until released (a client that reads slowly). */
    static final class RecordingSink implements SseSink {
        final List<String> written = new CopyOnWriteArrayList<>();
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch release;

        RecordingSink(boolean slow) {
            release = new CountDownLatch(slow ? 1 : 0);
        }

        @Override
        public boolean entries(List<TurnJournal.Entry> entries) {
            entries.forEach(e -> written.add(e.id() + " " + e.name()));
            writing.countDown();
            try {
                return release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public boolean event(String id, String name, String json) {
            written.add(id + " " + name + " " + readCode(json));
            return true;
        }

        @Override
        public boolean comment(String text) {
            written.add(": " + text);
            return true;
        }

        private static String readCode(String json) {
            try {
                return WebJson.MAPPER.readTree(json).get("code").asText();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static CompletableFuture<SseFollower.Ending> followAsync(TurnJournal journal, long seen, SseSink sink) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return SseFollower.follow(journal, seen, sink, SETTINGS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aReaderTooFarBehindIsEndedWithSlowConsumerAndCanResumeWhereItWas() throws Exception {
        TurnJournal journal = new TurnJournal("k", 100, 1 << 20);
        journal.append("message", "{}");
        RecordingSink slow = new RecordingSink(true);
        CompletableFuture<SseFollower.Ending> ending = followAsync(journal, 0, slow);
        assertThat(slow.writing.await(10, TimeUnit.SECONDS)).isTrue(); // stuck writing the first event
        for (int i = 0; i < 6; i++) {
            journal.append("delta", "{\"text\":\"" + i + "\"}"); // the turn runs on regardless
        }
        slow.release.countDown();

        assertThat(ending.get(10, TimeUnit.SECONDS)).isEqualTo(SseFollower.Ending.SLOW_CONSUMER);
        assertThat(slow.written).containsExactly("k:1 message", "k:1 error slow_consumer");
        assertThat(journal.readers()).isZero();
        assertThat(journal.isFinished()).isFalse();

        journal.append("done", "{}");
        journal.finish();
        RecordingSink resumed = new RecordingSink(false);
        assertThat(followAsync(journal, journal.seqOf("k:1"), resumed).get(10, TimeUnit.SECONDS))
                .isEqualTo(SseFollower.Ending.COMPLETE);
        assertThat(resumed.written).hasSize(7).endsWith("k:8 done");
    }

    @Test
    void aBacklogReplayIsNotLag() throws Exception {
        TurnJournal journal = new TurnJournal("k", 100, 1 << 20);
        for (int i = 0; i < 20; i++) {
            journal.append("delta", "{}");
        }
        journal.finish();
        RecordingSink sink = new RecordingSink(false);
        assertThat(followAsync(journal, 0, sink).get(10, TimeUnit.SECONDS)).isEqualTo(SseFollower.Ending.COMPLETE);
        assertThat(sink.written).hasSize(20);
    }

    @Test
    void resumingFromADroppedEventIsReplayUnavailable() throws Exception {
        TurnJournal journal = new TurnJournal("k", 2, 1 << 20);
        journal.append("message", "{}");
        journal.append("delta", "{}");
        journal.append("done", "{}");
        journal.finish();
        RecordingSink sink = new RecordingSink(false);
        assertThat(followAsync(journal, 0, sink).get(10, TimeUnit.SECONDS))
                .isEqualTo(SseFollower.Ending.REPLAY_UNAVAILABLE);
        assertThat(sink.written).containsExactly("k:0 error replay_unavailable");
    }

    @Test
    void anIdleStreamGetsKeepAliveComments() throws Exception {
        TurnJournal journal = new TurnJournal("k", 10, 1 << 20);
        journal.append("message", "{}");
        RecordingSink sink = new RecordingSink(false);
        CompletableFuture<SseFollower.Ending> ending = followAsync(journal, 0, sink);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sink.written.contains(": keep-alive") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        journal.finish();
        assertThat(ending.get(10, TimeUnit.SECONDS)).isEqualTo(SseFollower.Ending.COMPLETE);
        assertThat(sink.written).startsWith("k:1 message", ": keep-alive");
    }
}
