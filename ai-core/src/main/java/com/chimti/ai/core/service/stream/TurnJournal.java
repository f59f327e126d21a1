package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.port.in.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The events of one turn, in order. Every connection reading the turn (the one that started it and any that
 * resumed it) reads from here, so a slow reader never holds the producer up and never has a private buffer. Event
 * ids are {@code <key>:<n>}: the key (the user message id) tells turns apart, {@code n} counts from 1.
 *
 * <p>Bounded: past {@code maxEvents} events, or {@code maxBytes} bytes of events not counting the newest one, the
 * oldest are dropped (so at most {@code maxBytes} plus one event); a reader that needs a dropped event gets
 * {@link Batch#gap()}.
 *
 * <p>It also counts its readers: when the last one leaves while the turn still runs, the abandonment action (the
 * cancel) is scheduled after a grace period, and called off if a reader comes back or the turn ends first.
 */
final class TurnJournal {
    /** One event; {@code seq} is the {@code n} of its id, {@code bytes} its size as a client receives it. */
    record Entry(long seq, StreamEvent event, int bytes) {
        static Entry of(long seq, StreamEvent event) {
            return new Entry(seq, event, sizeOf(event));
        }

        /** The size of the event's text/event-stream frame, what the bounds are about. */
        static int sizeOf(StreamEvent event) {
            String frame = "id: " + event.id() + "\nevent: " + event.name() + "\ndata: " + event.data() + "\n\n";
            return frame.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /**
     * Entries after a position. {@code complete}: no more will ever come. {@code gap}: some wanted entries were
     * dropped, nothing can be replayed from that position.
     */
    record Batch(List<Entry> entries, boolean complete, boolean gap) {
    }

    private final String key;
    private final int maxEvents;
    private final long maxBytes;
    private final List<Entry> entries = new ArrayList<>();
    private int head; // index in entries of the oldest kept entry
    private long keptBytes;
    private long appended;
    private boolean finished;
    private long finishedAtNanos;

    private int readers;
    private Runnable abandonAction;
    private Duration abandonGrace;
    private ScheduledExecutorService timers;
    private ScheduledFuture<?> abandonTimer;
    private long abandonGeneration;

    TurnJournal(String key, int maxEvents, long maxBytes) {
        this.key = key;
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    TurnJournal(String key, StreamSettings settings) {
        this(key, settings.journalMaxEvents(), settings.journalMaxBytes());
    }

    String key() {
        return key;
    }

    /** The id of the event at {@code seq} ({@code <key>:0} stands for "before the first event"). */
    String idOf(long seq) {
        return key + ":" + seq;
    }

    synchronized Entry append(String name, String data) {
        long seq = ++appended;
        Entry entry = Entry.of(seq, new StreamEvent(idOf(seq), name, data));
        entries.add(entry);
        keptBytes += entry.bytes();
        // the newest event is not counted against the byte budget: a huge last event (a long answer's done)
        // must not push out the few events a caught-up reader still has to send before it
        while (kept() > maxEvents || (keptBytes - entry.bytes() > maxBytes && kept() > 1)) {
            Entry dropped = entries.set(head++, null);
            keptBytes -= dropped.bytes();
        }
        if (head > 64 && head * 2 > entries.size()) {
            entries.subList(0, head).clear();
            head = 0;
        }
        notifyAll();
        return entry;
    }

    private int kept() {
        return entries.size() - head;
    }

    synchronized void finish() {
        finished = true;
        finishedAtNanos = System.nanoTime();
        cancelAbandonTimer();
        notifyAll();
    }

    synchronized boolean isFinished() {
        return finished;
    }

    synchronized boolean finishedLongerAgoThan(long nanos) {
        return finished && System.nanoTime() - finishedAtNanos > nanos;
    }

    synchronized long lastSeq() {
        return appended;
    }

    /**
     * The last event a client saw, from its last event id: an id of this turn gives its {@code n}; an id of another
     * turn, a malformed one or none gives 0 (replay from the start).
     */
    synchronized long seqOf(String lastEventId) {
        return Math.min(seqIn(key, lastEventId), appended);
    }

    /**
     * The {@code n} of an event id {@code <turn key>:<n>} of the turn {@code key}; 0 for an id of another turn, a
     * malformed one or none.
     */
    static long seqIn(String key, String lastEventId) {
        String prefix = key + ":";
        String id = lastEventId == null ? "" : lastEventId.strip();
        if (!id.startsWith(prefix)) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(id.substring(prefix.length())));
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }

    /** Waits up to {@code timeoutMillis} for entries after {@code seen}, then returns what there is. */
    synchronized Batch awaitAfter(long seen, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (appended <= seen && !finished) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        long firstKept = appended - kept() + 1;
        if (seen + 1 < firstKept) {
            return new Batch(List.of(), finished, true);
        }
        int from = head + (int) (seen + 1 - firstKept);
        return new Batch(List.copyOf(entries.subList(Math.min(from, entries.size()), entries.size())), finished,
                false);
    }

    /**
     * What to do when every reader has gone and none came back within {@code grace} while the turn still runs.
     * The action runs on a {@code timers} thread, outside this journal's lock.
     */
    synchronized void whenAbandoned(Duration grace, ScheduledExecutorService timers, Runnable action) {
        this.abandonGrace = grace;
        this.timers = timers;
        this.abandonAction = action;
    }

    synchronized void attach() {
        readers++;
        cancelAbandonTimer();
    }

    synchronized void detach() {
        readers--;
        rearmAbandon();
    }

    /**
     * Schedules the abandonment check again after the grace (a client follows the turn through another instance,
     * so this one waits another grace before it looks again). Nothing when a reader is back or the turn ended.
     */
    synchronized void rearmAbandon() {
        if (readers == 0 && !finished && abandonAction != null) {
            cancelAbandonTimer();
            long generation = ++abandonGeneration;
            abandonTimer = timers.schedule(() -> abandon(generation), abandonGrace.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    synchronized int readers() {
        return readers;
    }

    private void abandon(long generation) {
        Runnable action;
        synchronized (this) {
            if (generation != abandonGeneration || abandonTimer == null || readers > 0 || finished) {
                return;
            }
            abandonTimer = null;
            action = abandonAction;
        }
        action.run();
    }

    private void cancelAbandonTimer() {
        if (abandonTimer != null) {
            abandonTimer.cancel(false);
            abandonTimer = null;
        }
        abandonGeneration++;
    }
}
