package com.chimti.ai.adapter.in.web;

import java.time.Duration;
import java.util.Objects;

/**
 * How SSE streams behave: keep-alive, what a client that leaves costs, and the memory bounds.
 *
 * @param heartbeat                  longest silence on an open stream before a {@code : keep-alive} comment; at
 *                                   most 15 s (the contract), default 15 s
 * @param disconnectGrace            how long a running turn whose streams all broke waits for a client to resume
 *                                   ({@code GET .../events}) before it is cancelled like {@code POST .../cancel};
 *                                   default 10 s
 * @param journalMaxEvents           events kept per turn for resume; past it the oldest are dropped (default 4,096)
 * @param journalMaxBytes            bytes (encoded frames) kept per turn for resume; same rule (default 1 MiB)
 * @param connectionMaxPendingEvents live events one connection may fall behind before it is ended with
 *                                   {@code error {code:"slow_consumer"}} (default 2,048: half the journal, so the
 *                                   client can still resume from where it was cut off)
 * @param connectionMaxPendingBytes  the same in bytes (default 512 KiB)
 */
public record SseSettings(Duration heartbeat, Duration disconnectGrace, int journalMaxEvents, long journalMaxBytes,
                          int connectionMaxPendingEvents, long connectionMaxPendingBytes) {
    public static final Duration MAX_HEARTBEAT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_DISCONNECT_GRACE = Duration.ofSeconds(10);
    public static final int DEFAULT_JOURNAL_MAX_EVENTS = 4096;
    public static final long DEFAULT_JOURNAL_MAX_BYTES = 1024 * 1024;
    public static final int DEFAULT_CONNECTION_MAX_PENDING_EVENTS = 2048;
    public static final long DEFAULT_CONNECTION_MAX_PENDING_BYTES = 512 * 1024;

    public SseSettings {
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
            throw new IllegalArgumentException("SSE bounds must be positive");
        }
    }

    public static SseSettings defaults() {
        return new SseSettings(MAX_HEARTBEAT, DEFAULT_DISCONNECT_GRACE, DEFAULT_JOURNAL_MAX_EVENTS,
                DEFAULT_JOURNAL_MAX_BYTES, DEFAULT_CONNECTION_MAX_PENDING_EVENTS, DEFAULT_CONNECTION_MAX_PENDING_BYTES);
    }

    public SseSettings withHeartbeat(Duration value) {
        return new SseSettings(value, disconnectGrace, journalMaxEvents, journalMaxBytes, connectionMaxPendingEvents,
                connectionMaxPendingBytes);
    }

    public SseSettings withDisconnectGrace(Duration value) {
        return new SseSettings(heartbeat, value, journalMaxEvents, journalMaxBytes, connectionMaxPendingEvents,
                connectionMaxPendingBytes);
    }

    public SseSettings withJournalBounds(int maxEvents, long maxBytes) {
        return new SseSettings(heartbeat, disconnectGrace, maxEvents, maxBytes, connectionMaxPendingEvents,
                connectionMaxPendingBytes);
    }

    public SseSettings withConnectionBounds(int maxPendingEvents, long maxPendingBytes) {
        return new SseSettings(heartbeat, disconnectGrace, journalMaxEvents, journalMaxBytes, maxPendingEvents,
                maxPendingBytes);
    }
}
