package com.chimti.ai.core.service.stream;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.port.in.StreamEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TurnJournalTest {
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

    {
        timers.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private static TurnJournal.Batch now(TurnJournal journal, long seen) throws InterruptedException {
        return journal.awaitAfter(seen, 0);
    }

    @Test
    void keepsAtMostMaxEventsAndReportsAGapForDroppedOnes() throws Exception {
        TurnJournal journal = new TurnJournal("k", 3, 1 << 20);
        for (int i = 1; i <= 5; i++) {
            journal.append("delta", "{\"text\":\"" + i + "\"}");
        }
        assertThat(now(journal, 0).gap()).isTrue();
        assertThat(now(journal, 1).gap()).isTrue();
        TurnJournal.Batch fromTwo = now(journal, 2);
        assertThat(fromTwo.gap()).isFalse();
        assertThat(fromTwo.entries()).extracting(e -> e.event().id()).containsExactly("k:3", "k:4", "k:5");
        assertThat(now(journal, 4).entries()).extracting(e -> e.event().id()).containsExactly("k:5");
        assertThat(now(journal, 5).entries()).isEmpty();
    }

    @Test
    void keepsAtMostMaxBytesBesidesTheNewestEvent() throws Exception {
        String small = "{\"text\":\"x\"}";
        int frame = TurnJournal.Entry.sizeOf(new StreamEvent("k:1", "delta", small));
        TurnJournal journal = new TurnJournal("k", 1000, frame + 1L); // room for one event besides the newest
        journal.append("delta", small);
        journal.append("delta", small);
        journal.append("delta", small);
        assertThat(now(journal, 0).gap()).isTrue();
        assertThat(now(journal, 1).entries()).extracting(TurnJournal.Entry::seq).containsExactly(2L, 3L);

        journal.append("done", "{\"text\":\"" + "y".repeat(10 * frame) + "\"}"); // bigger than the whole budget
        assertThat(now(journal, 2).entries()).extracting(e -> e.event().name()).containsExactly("delta", "done");
        assertThat(now(journal, 1).gap()).isTrue();
    }

    @Test
    void manyEventsStayBoundedAndInOrder() throws Exception {
        TurnJournal journal = new TurnJournal("k", 100, 1 << 20);
        for (int i = 1; i <= 10_000; i++) {
            journal.append("delta", "{\"n\":" + i + "}");
        }
        TurnJournal.Batch kept = now(journal, 9_900);
        assertThat(kept.entries()).hasSize(100);
        assertThat(kept.entries().get(0).seq()).isEqualTo(9_901);
        assertThat(kept.entries().get(99).event().data()).isEqualTo("{\"n\":10000}");
    }

    @Test
    void lastEventIdOfAnotherTurnOrMalformedReplaysFromTheStart() {
        TurnJournal journal = new TurnJournal("k", 10, 1 << 20);
        journal.append("message", "{}");
        journal.append("delta", "{}");
        assertThat(journal.seqOf("k:1")).isEqualTo(1);
        assertThat(journal.seqOf("k:99")).isEqualTo(2);
        assertThat(journal.seqOf("other:1")).isZero();
        assertThat(journal.seqOf("k:x")).isZero();
        assertThat(journal.seqOf(null)).isZero();
    }

    @Test
    void lastReaderLeavingARunningTurnTriggersTheActionAfterTheGrace() throws Exception {
        TurnJournal journal = new TurnJournal("k", 10, 1 << 20);
        CountDownLatch abandoned = new CountDownLatch(1);
        journal.whenAbandoned(Duration.ofMillis(50), timers, abandoned::countDown);
        journal.attach();
        journal.attach();
        journal.detach();
        assertThat(timers.getQueue()).isEmpty(); // one reader is still there
        journal.detach();
        assertThat(abandoned.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aReaderComingBackOrTheTurnEndingCallsTheActionOff() {
        TurnJournal journal = new TurnJournal("k", 10, 1 << 20);
        journal.whenAbandoned(Duration.ofHours(1), timers, () -> {
            throw new AssertionError("must not run");
        });
        journal.attach();
        journal.detach();
        assertThat(timers.getQueue()).hasSize(1);
        journal.attach(); // resumed within the grace
        assertThat(timers.getQueue()).isEmpty();
        journal.detach();
        assertThat(timers.getQueue()).hasSize(1);
        journal.finish(); // the turn ended on its own
        assertThat(timers.getQueue()).isEmpty();

        journal.attach();
        journal.detach(); // a finished turn has nothing to cancel
        assertThat(timers.getQueue()).isEmpty();
    }
}
