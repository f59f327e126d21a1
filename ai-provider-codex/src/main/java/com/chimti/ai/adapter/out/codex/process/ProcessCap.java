package com.chimti.ai.adapter.out.codex.process;

import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The global cap on live Codex CLI processes of this server: warm (even idle) {@code app-server}s and
 * {@code codex exec} processes alike each hold one {@link Permit} for their whole life.
 *
 * <p>When every permit is taken, a caller first asks the {@link IdleEvictor} to stop idle warm app-servers
 * (least recently used first); a freed permit goes to the longest-waiting caller. Callers wait in a FIFO queue
 * of at most {@code maxQueue} for at most {@code maxWait}; a caller never overtakes one that queued before it
 * (a free permit is handed to the head of the queue, never grabbed by a newcomer). Past the queue (full, or the
 * wait is over) the caller is refused with a {@link RateLimitedException}: 429 with Retry-After.
 */
public final class ProcessCap implements AutoCloseable {
    /** Stops one idle warm process (least recently used first) to make room; false when none is idle. */
    @FunctionalInterface
    public interface IdleEvictor {
        boolean evictOne();
    }

    private final int capacity;
    private final int maxQueue;
    private final Duration maxWait;
    private final Duration retryAfter;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private volatile IdleEvictor evictor = () -> false;
    private int inUse;
    private boolean closed;

    /**
     * @param capacity   live processes at most (at least 1)
     * @param maxQueue   callers that may wait for a permit at once (0: refuse at once when full)
     * @param maxWait    how long one caller may wait
     * @param retryAfter the Retry-After of a refusal
     */
    ProcessCap(int capacity, int maxQueue, Duration maxWait, Duration retryAfter) {
        if (capacity < 1 || maxQueue < 0) {
            throw new IllegalArgumentException("capacity must be positive and maxQueue not negative");
        }
        this.capacity = capacity;
        this.maxQueue = maxQueue;
        this.maxWait = Objects.requireNonNull(maxWait, "maxWait");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public void evictWith(IdleEvictor evictor) {
        this.evictor = Objects.requireNonNull(evictor, "evictor");
    }

    public int capacity() {
        return capacity;
    }

    /** Permits held now (live processes, or processes about to start). */
    public int inUse() {
        lock.lock();
        try {
            return inUse;
        } finally {
            lock.unlock();
        }
    }

    /** Callers waiting for a permit now. */
    public int queued() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    public boolean hasWaiters() {
        return queued() > 0;
    }

    /**
     * A permit for one process, at once when one is free, else after idle warm processes were stopped or
     * after waiting in the queue. Must be closed when the process is gone.
     *
     * @throws RateLimitedException when the queue is full or the wait ran out
     */
    public Permit acquire() {
        Waiter waiter;
        lock.lock();
        try {
            requireOpen();
            if (queue.isEmpty() && inUse < capacity) {
                inUse++;
                return new Permit();
            }
            if (queue.size() >= maxQueue) {
                // no room in the queue (or no queue): eviction may still free a process
                waiter = null;
            } else {
                waiter = new Waiter(lock.newCondition());
                queue.addLast(waiter);
            }
        } finally {
            lock.unlock();
        }
        makeRoom(waiter == null && maxQueue == 0);
        if (waiter == null) {
            if (maxQueue == 0) {
                return acquireWithoutQueue();
            }
            throw refusal("too many Codex processes are running and the queue is full; try again shortly");
        }
        return await(waiter);
    }

    /** With no queue: whatever eviction freed may be taken at once, else refused. */
    private Permit acquireWithoutQueue() {
        Permit permit = tryAcquire();
        if (permit == null) {
            throw refusal("too many Codex processes are running; try again shortly");
        }
        return permit;
    }

    /** A permit if one is free now and nobody waits for one, else null: never stops a process, never waits. */
    public Permit tryAcquire() {
        lock.lock();
        try {
            requireOpen();
            if (queue.isEmpty() && inUse < capacity) {
                inUse++;
                return new Permit();
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private Permit await(Waiter waiter) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        lock.lock();
        try {
            while (!waiter.granted && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    waiter.signal.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (waiter.granted) {
                return new Permit();
            }
            queue.remove(waiter);
            requireOpen();
        } finally {
            lock.unlock();
        }
        throw refusal("too many Codex processes are running; try again shortly");
    }

    /** Asks the evictor to stop idle warm processes while callers wait and idle ones remain. */
    public void makeRoom() {
        makeRoom(false);
    }

    /** @param unqueuedCaller a caller that does not queue (no queue configured) needs a permit too */
    private void makeRoom(boolean unqueuedCaller) {
        int rounds = capacity;
        while (rounds-- > 0 && needsRoom(unqueuedCaller) && evictor.evictOne()) {
            // each eviction closed a permit, which went to the head of the queue (or back to the free ones)
        }
    }

    private boolean needsRoom(boolean unqueuedCaller) {
        lock.lock();
        try {
            return !closed && inUse >= capacity && (unqueuedCaller || !queue.isEmpty());
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        lock.lock();
        try {
            Waiter head = queue.pollFirst();
            if (head != null && !closed) {
                head.granted = true; // the permit passes on: inUse stays
                head.signal.signal();
            } else {
                inUse = Math.max(0, inUse - 1);
            }
        } finally {
            lock.unlock();
        }
    }

    private RateLimitedException refusal(String message) {
        return new RateLimitedException(message, retryAfter, capacity, 0, null);
    }

    private void requireOpen() {
        if (closed) {
            throw new ProviderFailureException("the Codex provider is closed");
        }
    }

    /** Refuses waiting and later callers; permits still held are simply dropped when closed. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            queue.forEach(w -> w.signal.signal());
            queue.clear();
        } finally {
            lock.unlock();
        }
    }

    private static final class Waiter {
        final Condition signal;
        boolean granted;

        Waiter(Condition signal) {
            this.signal = signal;
        }
    }

    /** One live process's place under the cap; closing it (idempotent) frees the place. */
    public final class Permit implements AutoCloseable {
        private boolean released;

        private Permit() {
        }

        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release();
        }
    }
}
