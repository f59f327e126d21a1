package com.chimti.ai.adapter.in.web;

import com.chimti.ai.core.port.out.TurnEventLog;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local {@link TurnJournal} copied from the {@link TurnEventLog} for a turn that runs on another instance, so
 * a client that resumes here is served by the same {@link SseFollower} as on the instance running the turn. A
 * copier thread appends the shared events in order (so the copy's event ids are the original ones), wakes up on
 * the log's notifications, marks the turn followed while it runs (the running instance then does not cancel
 * it), and finishes the copy when the shared turn has finished. Stop it when the connection ends.
 */
final class SharedTurnCopy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedTurnCopy.class);
    private static final int READ_BATCH = 500;

    private final TurnEventLog log;
    private final TurnJournal journal;
    private final Duration wait;
    private volatile boolean stopped;
    private Thread copier;

    /** @param wait how long the copier waits for a notification before it reads again (and marks the turn followed) */
    SharedTurnCopy(TurnEventLog log, String turnKey, SseSettings settings, Duration wait) {
        this.log = Objects.requireNonNull(log, "log");
        this.journal = new TurnJournal(turnKey, settings.journalMaxEvents(), settings.journalMaxBytes());
        this.wait = wait;
    }

    TurnJournal journal() {
        return journal;
    }

    /** Copies what is there now, then goes on copying in the background. */
    SharedTurnCopy start() {
        copyAvailable();
        if (!journal.isFinished()) {
            copier = new Thread(this::copyUntilFinished, "ai-sse-shared-copy");
            copier.setDaemon(true);
            copier.start();
        }
        return this;
    }

    private void copyUntilFinished() {
        try {
            while (!stopped && !journal.isFinished()) {
                log.markFollowed(journal.key());
                log.awaitChange(journal.key(), wait);
                copyAvailable();
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            LOG.warn("stopped copying a turn run by another instance: {}", failure.getClass().getSimpleName());
            journal.finish(); // the follower ends; the client can resume again
        }
    }

    /** Appends every shared event not copied yet; finishes the copy when the turn has ended. */
    private void copyAvailable() {
        while (true) {
            long copied = journal.lastSeq();
            TurnEventLog.Slice slice = log.read(journal.key(), copied, READ_BATCH);
            for (TurnEventLog.Event event : slice.events()) {
                if (event.seq() != journal.lastSeq() + 1) {
                    throw new IllegalStateException("the shared events of a turn have a hole");
                }
                journal.append(event.name(), event.data());
            }
            if (slice.events().size() < READ_BATCH) {
                if (slice.finished()) {
                    journal.finish();
                }
                return;
            }
        }
    }

    @Override
    public void close() {
        stopped = true;
        if (copier != null) {
            copier.interrupt();
        }
    }
}
