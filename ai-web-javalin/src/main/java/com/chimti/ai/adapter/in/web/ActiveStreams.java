package com.chimti.ai.adapter.in.web;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts the SSE connections being served right now (for {@code /metrics}, and to prove none leak). */
final class ActiveStreams {
    private final AtomicInteger open = new AtomicInteger();

    /** Counts one connection until the returned handle is closed (once). */
    Handle open() {
        open.incrementAndGet();
        return new Handle();
    }

    int count() {
        return open.get();
    }

    final class Handle implements AutoCloseable {
        private boolean closed;

        private Handle() {
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                open.decrementAndGet();
            }
        }
    }
}
