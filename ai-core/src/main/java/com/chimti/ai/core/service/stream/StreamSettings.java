package com.chimti.ai.core.service.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How streams behave: keep-alive, what a client that leaves costs, and the memory bounds.
 *
 * @param heartbeat                  longest silence on an open stream before a keep-alive; at most 15 s (the
 *                                   contract), default 15 s
 * @param disconnectGrace            how long a running turn whose connections all ended waits for a client to resume
 *                                   it before it is cancelled like {@code Converse.cancel}; default 10 s
 * @param journalMaxEvents           events kept per turn for resume; past it the oldest are dropped (default 4,096)
 * @param journalMaxBytes            bytes kept per turn for resume (events as a client receives them); same rule
 *                                   (default 1 MiB)
 * @param connectionMaxPendingEvents live events one connection may fall behind before it is ended with
 *                                   {@link com.chimti.ai.core.port.in.TurnStream.Ending#SLOW_CONSUMER} (default
 *                                   2,048: half the journal, so the client can still resume from where it was cut off)
 * @param connectionMaxPendingBytes  the same in bytes (default 512 KiB)
 */
public record StreamSettings(Duration heartbeat, Duration disconnectGrace, int journalMaxEvents, long journalMaxBytes,
                             int connectionMaxPendingEvents, long connectionMaxPendingBytes) {
    public static final Duration MAX_HEARTBEAT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_DISCONNECT_GRACE = Duration.ofSeconds(10);
    public static final int DEFAULT_JOURNAL_MAX_EVENTS = 4096;
    public static final long DEFAULT_JOURNAL_MAX_BYTES = 1024 * 1024;
    public static final int DEFAULT_CONNECTION_MAX_PENDING_EVENTS = 2048;
    public static final long DEFAULT_CONNECTION_MAX_PENDING_BYTES = 512 * 1024;

    public StreamSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(disconnectGrace, "disconnectGrace");
        if (heartbeat.isNegative() || heartbeat.isZero() || heartbeat.compareTo(MAX_HEARTBEAT) > 0) {
            throw new IllegalArgumentException("heartbeat must be positive and at most 15 s");
        }
        if (disconnectGrace.isNegative()) {
            throw new IllegalArgumentException("disconnectGrace must not be negative");
        }
        if (journalMaxEvents < 1 || journalMaxBytes < 1 || connectionMaxPendingEvents < 1
                || connectionMaxPendingBytes < 1) {
            throw new IllegalArgumentException("stream bounds must be positive");
        }
    }

    public static StreamSettings defaults() {
        return new StreamSettings(MAX_HEARTBEAT, DEFAULT_DISCONNECT_GRACE, DEFAULT_JOURNAL_MAX_EVENTS,
                DEFAULT_JOURNAL_MAX_BYTES, DEFAULT_CONNECTION_MAX_PENDING_EVENTS, DEFAULT_CONNECTION_MAX_PENDING_BYTES);
    }

    public StreamSettings withHeartbeat(Duration value) {
        return new StreamSettings(value, disconnectGrace, journalMaxEvents, journalMaxBytes,
                connectionMaxPendingEvents, connectionMaxPendingBytes);
    }

    public StreamSettings withDisconnectGrace(Duration value) {
        return new StreamSettings(heartbeat, value, journalMaxEvents, journalMaxBytes, connectionMaxPendingEvents,
                connectionMaxPendingBytes);
    }

    public StreamSettings withJournalBounds(int maxEvents, long maxBytes) {
        return new StreamSettings(heartbeat, disconnectGrace, maxEvents, maxBytes, connectionMaxPendingEvents,
                connectionMaxPendingBytes);
    }

    public StreamSettings withConnectionBounds(int maxPendingEvents, long maxPendingBytes) {
        return new StreamSettings(heartbeat, disconnectGrace, journalMaxEvents, journalMaxBytes, maxPendingEvents,
                maxPendingBytes);
    }
}
