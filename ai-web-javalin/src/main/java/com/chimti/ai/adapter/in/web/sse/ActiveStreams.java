package com.chimti.ai.adapter.in.web.sse;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The SSE connections being served right now (for {@code /metrics}, to prove none leak, and so shutdown can wait
 * until every stream wrote its last event). Every connection is opened here.
 */
public final class ActiveStreams {
    private int open;

    /** An SSE connection on {@code ctx}'s response, counted until its writer is closed. */
    public synchronized SseWriter open(Context ctx) {
        open++;
        return new SseWriter(ctx, this::closed);
    }

    public synchronized int count() {
        return open;
    }

    /** Waits until no stream is open, at most {@code timeout}; true when none is. */
    public synchronized boolean awaitNone(Duration timeout) throws InterruptedException {
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
}
