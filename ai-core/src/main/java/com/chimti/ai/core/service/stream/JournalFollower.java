package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.port.in.StreamEncoder;
import com.chimti.ai.core.port.in.StreamEvent;
import com.chimti.ai.core.port.in.StreamSink;
import com.chimti.ai.core.port.in.TurnStream.Ending;
import java.util.List;

/**
 * One connection reading a turn from its journal: what it has not seen yet, then live until the turn ends, with a
 * keep-alive after each heartbeat of silence. It ends early, and the turn keeps running (resumable), when:
 * <ul>
 *   <li>the client is gone (a write failed);</li>
 *   <li>the events it asked for were dropped from the bounded journal ({@link Ending#REPLAY_UNAVAILABLE});</li>
 *   <li>it fell more than the per-connection bound behind the live turn ({@link Ending#SLOW_CONSUMER}).</li>
 * </ul>
 * Those two send a last event ({@link StreamEncoder#connectionEnded}) that ends the connection, not the turn: its id
 * is the last id the connection delivered (or was asked to resume after), so a client's automatic reconnect asks
 * for the right place again.
 *
 * <p>While it runs it counts as a reader of the journal (see {@link TurnJournal#attach()}).
 */
final class JournalFollower {
    private JournalFollower() {
    }

    static Ending follow(TurnJournal journal, long seen, StreamSink sink, StreamEncoder encoder,
                         StreamSettings settings) throws InterruptedException {
        long heartbeatMillis = Math.max(1, settings.heartbeat().toMillis());
        journal.attach();
        try {
            long liveFrom = journal.lastSeq(); // a backlog that was already there is a replay, not lag
            String lastId = journal.idOf(seen);
            while (true) {
                TurnJournal.Batch batch = journal.awaitAfter(seen, heartbeatMillis);
                if (batch.gap()) {
                    return endEarly(Ending.REPLAY_UNAVAILABLE, lastId, sink, encoder);
                }
                List<TurnJournal.Entry> entries = batch.entries();
                if (isTooFarBehind(entries, liveFrom, settings)) {
                    return endEarly(Ending.SLOW_CONSUMER, lastId, sink, encoder);
                }
                if (!entries.isEmpty()) {
                    if (!sink.send(entries.stream().map(TurnJournal.Entry::event).toList())) {
                        return Ending.CLIENT_GONE;
                    }
                    TurnJournal.Entry last = entries.get(entries.size() - 1);
                    seen = last.seq();
                    lastId = last.event().id();
                }
                if (batch.complete()) {
                    return Ending.COMPLETE; // a complete batch holds everything that will ever come
                }
                if (entries.isEmpty() && !sink.keepAlive()) {
                    return Ending.CLIENT_GONE;
                }
            }
        } finally {
            journal.detach();
        }
    }

    private static Ending endEarly(Ending ending, String lastId, StreamSink sink, StreamEncoder encoder) {
        StreamEncoder.Encoded last = encoder.connectionEnded(ending);
        sink.send(List.of(new StreamEvent(lastId, last.name(), last.data())));
        return ending;
    }

    /** Live events waiting beyond the bound; the newest one does not count (one event is never too much). */
    private static boolean isTooFarBehind(List<TurnJournal.Entry> entries, long liveFrom, StreamSettings settings) {
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
