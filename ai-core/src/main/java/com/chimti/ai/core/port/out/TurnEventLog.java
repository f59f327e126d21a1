package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.chat.ChatId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The events a streamed turn sends its client, kept briefly where every server instance can read them, so a
 * client that reconnects to another instance with {@code Last-Event-ID} gets what it missed. The instance running
 * the turn writes; any instance reads and follows. Events are opaque to the log: a name and a JSON text, numbered
 * from 1 per turn. The PostgreSQL adapter keeps them in tables and wakes followers with LISTEN/NOTIFY;
 * {@link #NONE} (one instance) keeps nothing, and each instance resumes only its own turns.
 */
public interface TurnEventLog {

    /** Nothing shared: for a single instance, whose in-process journal already serves every resume. */
    TurnEventLog NONE = new TurnEventLog() {
        @Override
        public void append(ChatId chatId, String turnKey, long seq, String name, String data) {
        }

        @Override
        public void finish(ChatId chatId, String turnKey) {
        }

        @Override
        public Optional<String> latestTurn(ChatId chatId) {
            return Optional.empty();
        }

        @Override
        public Slice read(String turnKey, long afterSeq, int max) {
            return new Slice(List.of(), true);
        }

        @Override
        public void awaitChange(String turnKey, Duration timeout) {
        }

        @Override
        public void markFollowed(String turnKey) {
        }

        @Override
        public boolean followedWithin(String turnKey, Duration window) {
            return false;
        }
    };

    /** One event of a running turn, in order ({@code seq} 1, 2, ...); may be written after the call returns. */
    void append(ChatId chatId, String turnKey, long seq, String name, String data);

    /** The turn sent its last event; written after every event appended before. */
    void finish(ChatId chatId, String turnKey);

    /** The key of the chat's latest turn still kept, if any. */
    Optional<String> latestTurn(ChatId chatId);

    /**
     * At most {@code max} events after {@code afterSeq}. {@code finished}: the turn had ended before these were
     * read, so once a read returns fewer than {@code max} events with {@code finished}, nothing more will come.
     */
    Slice read(String turnKey, long afterSeq, int max);

    /** Waits until the turn may have new events, or at most {@code timeout}. */
    void awaitChange(String turnKey, Duration timeout) throws InterruptedException;

    /** A client follows the turn through this instance (called repeatedly while it does). */
    void markFollowed(String turnKey);

    /** Whether a client followed the turn through any instance within the last {@code window} (database time). */
    boolean followedWithin(String turnKey, Duration window);

    record Event(long seq, String name, String data) {
        public Event {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(data, "data");
        }
    }

    record Slice(List<Event> events, boolean finished) {
        public Slice {
            events = List.copyOf(events);
        }
    }
}
