package com.chimti.ai.core.port.in;

/**
 * One turn's events as one connection reads them: those it has not seen yet, then the live ones until the turn
 * ends, with a keep-alive after each heartbeat of silence. The turn runs on whatever happens to the connection.
 */
@FunctionalInterface
public interface TurnStream {

    /** How a connection ended. */
    enum Ending {
        /** Every event of the finished turn was written. */
        COMPLETE,
        /** A write failed: the client left. */
        CLIENT_GONE,
        /** The events after the client's last one were dropped from the bounded journal; it got an error event. */
        REPLAY_UNAVAILABLE,
        /** The connection fell more than its bound behind the live turn; it got an error event and may resume. */
        SLOW_CONSUMER
    }

    /** Writes the events to {@code sink} on the calling thread until the connection ends. */
    Ending follow(StreamSink sink) throws InterruptedException;
}
