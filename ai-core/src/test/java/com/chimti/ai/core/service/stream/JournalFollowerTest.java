package com.chimti.ai.core.service.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.port.in.TurnStream.Ending;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One connection reading a journal, with a sink standing in for the socket. */
class JournalFollowerTest {
    private static final StreamSettings SETTINGS = StreamSettings.defaults().withHeartbeat(Duration.ofMillis(50))
            .withConnectionBounds(5, 1 << 20);

    private static CompletableFuture<Ending> followAsync(TurnJournal journal, long seen, RecordingSink sink) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return JournalFollower.follow(journal, seen, sink, new PlainEncoder(), SETTINGS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aReaderTooFarBehindIsEndedWithSlowConsumerAndCanResumeWhereItWas() throws Exception {
        TurnJournal journal = new TurnJournal("k", 100, 1 << 20);
        journal.append("message", "m");
        RecordingSink slow = RecordingSink.slow();
        CompletableFuture<Ending> ending = followAsync(journal, 0, slow);
        assertThat(slow.writing.await(10, TimeUnit.SECONDS)).isTrue(); // stuck writing the first event
        for (int i = 0; i < 6; i++) {
            journal.append("delta", Integer.toString(i)); // the turn runs on regardless
        }
        slow.release.countDown();

        assertThat(ending.get(10, TimeUnit.SECONDS)).isEqualTo(Ending.SLOW_CONSUMER);
        assertThat(slow.written).containsExactly("k:1 message m", "k:1 error slow_consumer");
        assertThat(journal.readers()).isZero();
        assertThat(journal.isFinished()).isFalse();

        journal.append("done", "");
        journal.finish();
        RecordingSink resumed = RecordingSink.reading();
        assertThat(followAsync(journal, journal.seqOf("k:1"), resumed).get(10, TimeUnit.SECONDS))
                .isEqualTo(Ending.COMPLETE);
        assertThat(resumed.written).hasSize(7).endsWith("k:8 done ");
    }

    @Test
    void aBacklogReplayIsNotLag() throws Exception {
        TurnJournal journal = new TurnJournal("k", 100, 1 << 20);
        for (int i = 0; i < 20; i++) {
            journal.append("delta", "");
        }
        journal.finish();
        RecordingSink sink = RecordingSink.reading();
        assertThat(followAsync(journal, 0, sink).get(10, TimeUnit.SECONDS)).isEqualTo(Ending.COMPLETE);
        assertThat(sink.written).hasSize(20);
    }

    @Test
    void resumingFromADroppedEventIsReplayUnavailable() throws Exception {
        TurnJournal journal = new TurnJournal("k", 2, 1 << 20);
        journal.append("message", "m");
        journal.append("delta", "d");
        journal.append("done", "a");
        journal.finish();
        RecordingSink sink = RecordingSink.reading();
        assertThat(followAsync(journal, 0, sink).get(10, TimeUnit.SECONDS)).isEqualTo(Ending.REPLAY_UNAVAILABLE);
        assertThat(sink.written).containsExactly("k:0 error replay_unavailable");
    }

    @Test
    void anIdleStreamGetsKeepAlives() throws Exception {
        TurnJournal journal = new TurnJournal("k", 10, 1 << 20);
        journal.append("message", "m");
        RecordingSink sink = RecordingSink.reading();
        CompletableFuture<Ending> ending = followAsync(journal, 0, sink);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!sink.written.contains(": keep-alive") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        journal.finish();
        assertThat(ending.get(10, TimeUnit.SECONDS)).isEqualTo(Ending.COMPLETE);
        assertThat(sink.written).startsWith("k:1 message m", ": keep-alive");
    }

    @Test
    void aClientThatLeftEndsTheConnectionButNotTheTurn() throws Exception {
        TurnJournal journal = new TurnJournal("k", 10, 1 << 20);
        journal.append("message", "m");
        RecordingSink gone = RecordingSink.goneAfter(0);
        assertThat(followAsync(journal, 0, gone).get(10, TimeUnit.SECONDS)).isEqualTo(Ending.CLIENT_GONE);
        assertThat(journal.readers()).isZero();
        assertThat(journal.isFinished()).isFalse();
    }
}
