package com.chimti.ai.adapter.in.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The SSE events of one turn, in order, so a client whose stream broke can catch up with {@code Last-Event-ID}.
 * Event ids are {@code <key>:<n>}: the key (the user message id) tells turns apart, {@code n} counts from 1.
 */
final class TurnJournal {
    static final int MAX_ENTRIES = 10_000;

    record Entry(String id, String name, String json) {
    }

    /** Entries from a position on; {@code complete} means no more will ever come. */
    record Batch(List<Entry> entries, boolean complete) {
    }

    private final String key;
    private final List<Entry> entries = new ArrayList<>();
    private int appended;
    private boolean finished;
    private long finishedAtNanos;

    TurnJournal(String key) {
        this.key = key;
    }

    synchronized Entry append(String name, String json) {
        Entry entry = new Entry(key + ":" + ++appended, name, json);
        // a runaway turn must not eat the heap; past the cap events still stream live but are not kept
        if (entries.size() < MAX_ENTRIES) {
            entries.add(entry);
            notifyAll();
        }
        return entry;
    }

    synchronized void finish() {
        finished = true;
        finishedAtNanos = System.nanoTime();
        notifyAll();
    }

    synchronized boolean finishedLongerAgoThan(long nanos) {
        return finished && System.nanoTime() - finishedAtNanos > nanos;
    }

    /** Where to resume after {@code lastEventId}; an id from another turn (or none) replays this turn from the start. */
    synchronized int positionAfter(String lastEventId) {
        String prefix = key + ":";
        if (lastEventId == null || !lastEventId.startsWith(prefix)) {
            return 0;
        }
        try {
            int seen = Integer.parseInt(lastEventId.substring(prefix.length()));
            return Math.max(0, Math.min(seen, entries.size()));
        } catch (NumberFormatException malformed) {
            return 0;
        }
    }

    /** Waits up to {@code timeoutMillis} for entries at or after {@code position}. */
    synchronized Batch awaitFrom(int position, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (entries.size() <= position && !finished) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        List<Entry> fresh = List.copyOf(entries.subList(Math.min(position, entries.size()), entries.size()));
        return new Batch(fresh, finished);
    }
}
