package com.chimti.ai.adapter.in.web;

import java.util.List;

/**
 * One SSE connection reading a turn from its journal: what it has not seen yet, then live until the turn ends,
 * with a {@code : keep-alive} comment after each {@code heartbeat} of silence. It ends early, and the turn keeps
 * running (resumable), when:
 * <ul>
 *   <li>the client is gone (a write failed);</li>
 *   <li>the events it asked for were dropped from the bounded journal: {@code error {code:"replay_unavailable"}};</li>
 *   <li>it fell more than the per-connection bound behind the live turn: {@code error {code:"slow_consumer"}}.</li>
 * </ul>
 * Those two errors end the connection, not the turn: their id is the last id the connection delivered (or was
 * asked to resume after), so a browser's automatic reconnect asks for the right place again.
 *
 * <p>While it runs it counts as a reader of the journal (see {@link TurnJournal#attach()}).
 */
final class SseFollower {
    static final String REPLAY_UNAVAILABLE = "replay_unavailable";
    static final String SLOW_CONSUMER = "slow_consumer";

    /** How a connection ended. */
    enum Ending { COMPLETE, CLIENT_GONE, REPLAY_UNAVAILABLE, SLOW_CONSUMER }

    private SseFollower() {
    }

    static Ending follow(TurnJournal journal, long seen, SseSink sink, SseSettings settings)
            throws InterruptedException {
        long heartbeatMillis = Math.max(1, settings.heartbeat().toMillis());
        journal.attach();
        try {
            long liveFrom = journal.lastSeq(); // a backlog that was already there is a replay, not lag
            String lastId = journal.idOf(seen);
            while (true) {
                TurnJournal.Batch batch = journal.awaitAfter(seen, heartbeatMillis);
                if (batch.gap()) {
                    sink.event(lastId, "error", WebJson.write(new SseTurnStream.ErrorView(REPLAY_UNAVAILABLE,
                            "the events after this id are no longer kept; read the chat's messages instead")));
                    return Ending.REPLAY_UNAVAILABLE;
                }
                List<TurnJournal.Entry> entries = batch.entries();
                if (isTooFarBehind(entries, liveFrom, settings)) {
                    sink.event(lastId, "error", WebJson.write(new SseTurnStream.ErrorView(SLOW_CONSUMER,
                            "the stream fell too far behind; resume with Last-Event-ID")));
                    return Ending.SLOW_CONSUMER;
                }
                if (!entries.isEmpty()) {
                    if (!sink.entries(entries)) {
                        return Ending.CLIENT_GONE;
                    }
                    TurnJournal.Entry last = entries.get(entries.size() - 1);
                    seen = last.seq();
                    lastId = last.id();
                }
                if (batch.complete()) {
                    return Ending.COMPLETE; // a complete batch holds everything that will ever come
                }
                if (entries.isEmpty() && !sink.comment("keep-alive")) {
                    return Ending.CLIENT_GONE;
                }
            }
        } finally {
            journal.detach();
        }
    }

    /** Live events waiting beyond the bound; the newest one does not count (one event is never too much). */
    private static boolean isTooFarBehind(List<TurnJournal.Entry> entries, long liveFrom, SseSettings settings) {
        long events = 0;
        long bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            TurnJournal.Entry entry = entries.get(i);
            if (entry.seq() > liveFrom) {
                events++;
                bytes += i == entries.size() - 1 ? 0 : entry.bytes();
            }
        }
        return events > settings.connectionMaxPendingEvents() || bytes > settings.connectionMaxPendingBytes();
    }
}
