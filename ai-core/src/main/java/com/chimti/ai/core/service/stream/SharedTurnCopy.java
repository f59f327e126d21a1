package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.port.out.TurnEventLog;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;

/**
 * A local {@link TurnJournal} copied from the {@link TurnEventLog} for a turn that runs on another instance, so a
 * client that resumes here is followed the same way as on the instance running the turn. A copier task appends the
 * shared events in order (so the copy's event ids are the original ones), wakes up on the log's notifications,
 * marks the turn followed while it runs (the running instance then does not cancel it), and finishes the copy when
 * the shared turn has finished. Close it when the connection ends.
 */
final class SharedTurnCopy implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SharedTurnCopy.class.getName());
    private static final int READ_BATCH = 500;

    private final TurnEventLog log;
    private final TurnJournal journal;
    private final Duration wait;
    private FutureTask<Void> copier;

    /** @param wait how long the copier waits for a notification before it reads again (and marks the turn followed) */
    SharedTurnCopy(TurnEventLog log, String turnKey, StreamSettings settings, Duration wait) {
        this.log = Objects.requireNonNull(log, "log");
        this.journal = new TurnJournal(turnKey, settings);
        this.wait = wait;
    }

    TurnJournal journal() {
        return journal;
    }

    /** Copies what is there now, then goes on copying on a {@code workers} thread. */
    SharedTurnCopy start(Executor workers) {
        copyAvailable();
        if (!journal.isFinished()) {
            copier = new FutureTask<>(this::copyUntilFinished, null);
            workers.execute(copier);
        }
        return this;
    }

    private void copyUntilFinished() {
        try {
            while (!journal.isFinished() && !Thread.currentThread().isInterrupted()) {
                log.markFollowed(journal.key());
                log.awaitChange(journal.key(), wait);
                copyAvailable();
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException failure) {
            LOG.log(System.Logger.Level.WARNING, "stopped copying a turn run by another instance: {0}",
                    failure.getClass().getSimpleName());
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

    /** Stops the copier (interrupting its wait). */
    @Override
    public void close() {
        if (copier != null) {
            copier.cancel(true);
        }
    }
}
