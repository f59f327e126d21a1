package com.chimti.ai.adapter.in.web;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Counts the SSE connections being served right now (for {@code /metrics}, to prove none leak, and so shutdown
 * can wait until every stream wrote its last event).
 */
final class ActiveStreams {
    private int open;

    /** Counts one connection until the returned handle is closed (once). */
    synchronized Handle open() {
        open++;
        return new Handle();
    }

    synchronized int count() {
        return open;
    }

    /** Waits until no stream is open, at most {@code timeout}; true when none is. */
    synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized void closed() {
        open--;
        notifyAll();
    }

    final class Handle implements AutoCloseable {
        private boolean closed;

        private Handle() {
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            closed();
        }
    }
}
