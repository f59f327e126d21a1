package com.chimti.ai.core.service;

import com.chimti.ai.core.domain.CancellationSignal;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.ServerDrainingException;
import com.chimti.ai.core.port.out.TurnsElsewhere;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The turns running in this process, one per chat at most, so they can be cancelled by chat id (a chat whose
 * turn runs on another instance is cancelled through {@link TurnsElsewhere}); plus calls
 * that belong to no chat (one-shot). On shutdown it is {@linkplain #drain() drained}: it then refuses new turns
 * and calls, and {@link #awaitIdle} waits for the running ones to end.
 */
public final class RunningTurns {
    private final ConcurrentMap<ChatId, CancellationSignal> running = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final TurnsElsewhere elsewhere;
    private int calls;
    private volatile boolean draining;

    /** One instance: a chat's turn can only run here. */
    public RunningTurns() {
        this(TurnsElsewhere.NONE);
    }

    /** @param elsewhere the other instances, asked when a cancelled chat has no turn running here */
    public RunningTurns(TurnsElsewhere elsewhere) {
        this.elsewhere = Objects.requireNonNull(elsewhere, "elsewhere");
    }

    /** Registers a new turn for the chat; refuses when one is already running there or the server drains. */
    public CancellationSignal begin(ChatId chatId) {
        CancellationSignal signal = new CancellationSignal();
        synchronized (lock) {
            requireOpen();
            if (running.putIfAbsent(chatId, signal) != null) {
                throw new ConflictException("a turn is already running in this chat");
            }
        }
        return signal;
    }

    public void end(ChatId chatId, CancellationSignal signal) {
        synchronized (lock) {
            running.remove(chatId, signal);
            lock.notifyAll();
        }
    }

    /**
     * Counts a call that belongs to no chat (a one-shot call) until the returned handle is closed; refuses when
     * the server drains. Such calls cannot be cancelled by id; they end when their provider stops.
     */
    public Call beginCall() {
        synchronized (lock) {
            requireOpen();
            calls++;
        }
        return new Call();
    }

    /** Cancels the chat's turn if it runs in this process; true when one did. */
    public boolean cancelHere(ChatId chatId) {
        CancellationSignal signal = running.get(chatId);
        if (signal == null) {
            return false;
        }
        signal.cancel();
        return true;
    }

    /** Cancels the chat's turn wherever it runs, here or on another instance; true when one did. */
    public boolean cancel(ChatId chatId) {
        return cancelHere(chatId) || elsewhere.cancel(chatId);
    }

    /** Cancels every running turn, for shutdown. */
    public void cancelAll() {
        running.values().forEach(CancellationSignal::cancel);
    }

    /** From now on new turns and calls are refused with {@link ServerDrainingException}; running ones go on. */
    public void drain() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Waits until no turn or call runs, at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!running.isEmpty() || calls > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Running chat turns (one-shot calls not included). */
    public int count() {
        return running.size();
    }

    /** Running chat turns and one-shot calls. */
    public int countAll() {
        synchronized (lock) {
            return running.size() + calls;
        }
    }

    private void requireOpen() {
        if (draining) {
            throw new ServerDrainingException();
        }
    }

    /** A running one-shot call; close it (once) when the call ended. */
    public final class Call implements AutoCloseable {
        private boolean closed;

        private Call() {
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (!closed) {
                    closed = true;
                    calls--;
                    lock.notifyAll();
                }
            }
        }
    }
}
