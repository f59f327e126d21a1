package com.chimti.ai.adapter.out.codex.runtime;

import com.chimti.ai.adapter.out.codex.process.ProcessCap;
import com.chimti.ai.adapter.out.codex.rpc.AppServer;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One {@code codex app-server} per profile: started on first use, shared by every call of that user, stopped
 * when unused (no lease) for the idle time. Starting and stopping a profile's process happen under that
 * profile's lock, so at most one process touches a profile at a time.
 *
 * <p>Single writer per profile: an {@code exec}-mode turn takes the profile {@linkplain #exclusive exclusively}
 * for its process's whole life. That waits until no lease is held, stops the profile's idle app-server, and
 * makes every new lease (account status, login, logout, model list, another exec) wait until the exec process
 * is gone (or fail with {@link ProfileBusyException} after the wait bound).
 *
 * <p>Global cap: every running app-server holds a permit of the {@link ProcessCap} (exec processes hold one
 * too). A start that finds the cap full stops idle app-servers, least recently used first, or waits in the
 * cap's FIFO queue; an app-server that goes idle while somebody waits is stopped for them. A held app-server
 * (a running turn, a pending device login, any call) is never stopped to make room.
 */
final class AppServerRegistry implements AutoCloseable {
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration leaseWait;
    private final ProcessCap cap;
    private volatile boolean closed;

    /**
     * @param leaseWait how long a lease waits for an exclusive (exec) holder of the profile to finish
     * @param cap the global cap on live CLI processes: every running app-server holds one permit of it; when
     *            it is full, idle app-servers are stopped least recently used first ({@link #evictOne})
     */
    AppServerRegistry(Duration idleTimeout, Duration leaseWait, ProcessCap cap) {
        this.idleTimeout = idleTimeout;
        this.leaseWait = leaseWait;
        this.cap = cap;
        cap.evictWith(this::evictOne);
    }

    ProcessCap cap() {
        return cap;
    }

    /**
     * Stops the least recently used app-server that nobody holds (no turn, no pending login, no other call,
     * no exec holder), freeing its permit of the cap. False when every running app-server is in use.
     */
    boolean evictOne() {
        for (int attempt = 0; attempt < 3; attempt++) {
            Slot lru = null;
            long oldest = 0;
            for (Slot slot : slots.values()) {
                // a lock-free look: a slot that is starting or busy is never a candidate
                if (slot.idle() && (lru == null || slot.lastUsed - oldest < 0)) {
                    lru = slot;
                    oldest = slot.lastUsed;
                }
            }
            if (lru == null) {
                return false;
            }
            if (lru.stopIfStillIdle()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Takes the profile for one process that writes it outside the app-server (an exec turn): waits up to
     * {@code wait} until nobody holds a lease or the profile, then stops the profile's app-server. Close the
     * returned handle when the process is gone.
     */
    Exclusive exclusive(String profileId, Duration wait) {
        if (closed) {
            throw new ProviderFailureException("the Codex provider is closed");
        }
        Slot slot = slots.computeIfAbsent(profileId, k -> new Slot());
        slot.takeExclusive(wait);
        return new Exclusive(slot);
    }

    final class Exclusive implements AutoCloseable {
        private final Slot slot;
        private boolean released;

        private Exclusive(Slot slot) {
            this.slot = slot;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                slot.releaseExclusive();
            }
        }
    }

    /** A lease on the profile's running app-server, starting it if needed. Close the lease when done. */
    AppServerLease lease(String profileId, Supplier<AppServer> starter) {
        if (closed) {
            throw new ProviderFailureException("the Codex provider is closed");
        }
        return slots.computeIfAbsent(profileId, k -> new Slot()).lease(starter, leaseWait);
    }

    /**
     * Starts the profile's app-server ahead of its use, when none runs and a place under the cap is free now:
     * a guess never stops another user's warm process or waits in the queue. True when it started one.
     */
    boolean warm(String profileId, Supplier<AppServer> starter) {
        if (closed) {
            return false;
        }
        return slots.computeIfAbsent(profileId, k -> new Slot()).warm(starter);
    }

    /** Stops app-servers that nobody holds and that were unused for the idle time. */
    void reapIdle() {
        long now = System.nanoTime();
        for (Slot slot : slots.values()) {
            slot.stopIfIdle(now, idleTimeout.toNanos());
        }
        cap.makeRoom();
    }

    /**
     * Stops the profile's app-server even while leases are held (erasure: the turn or login on it ends with an
     * error) and forgets the profile's slot; a lease taken later starts a new process.
     */
    void stopNow(String profileId) {
        Slot slot = slots.remove(profileId);
        if (slot != null) {
            slot.stop();
        }
    }

    /** The pid of the profile's running app-server, or -1. */
    long pid(String profileId) {
        Slot slot = slots.get(profileId);
        AppServer server = slot == null ? null : slot.server;
        return server != null && server.isAlive() ? server.pid() : -1;
    }

    /** Running app-servers that nobody holds (warm and idle). */
    int running() {
        int n = 0;
        for (Slot slot : slots.values()) {
            if (slot.isRunning()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        closed = true;
        cap.close();
        List<Slot> all = new ArrayList<>(slots.values());
        all.forEach(Slot::stop);
    }

    private final class Slot {
        private volatile AppServer server;
        private ProcessCap.Permit permit;
        private volatile int leases;
        private volatile long lastUsed = System.nanoTime();
        private volatile boolean exclusive;
        private volatile boolean starting;

        /**
         * A lease on the running app-server, or on one started now: the start takes a permit of the cap
         * outside this slot's lock (it may wait in the cap's queue), while other callers of this profile wait
         * for the start instead of taking a second permit.
         */
        AppServerLease lease(Supplier<AppServer> starter, Duration wait) {
            synchronized (this) {
                requireOpen();
                awaitFree(wait, false);
                dropDead();
                if (server != null) {
                    return take();
                }
                starting = true;
            }
            ProcessCap.Permit taken = null;
            try {
                taken = cap.acquire();
                synchronized (this) {
                    requireOpen();
                    server = starter.get();
                    permit = taken;
                    taken = null;
                    return take();
                }
            } finally {
                if (taken != null) {
                    taken.close();
                }
                synchronized (this) {
                    starting = false;
                    notifyAll();
                }
            }
        }

        synchronized boolean warm(Supplier<AppServer> starter) {
            dropDead();
            if (closed || server != null || exclusive || starting) {
                return false;
            }
            ProcessCap.Permit taken = cap.tryAcquire();
            if (taken == null) {
                return false;
            }
            try {
                server = starter.get();
            } catch (RuntimeException failed) {
                taken.close();
                throw failed;
            }
            permit = taken;
            lastUsed = System.nanoTime(); // idle from now: reaped after the idle time if no turn comes
            return true;
        }

        private AppServerLease take() {
            leases++;
            lastUsed = System.nanoTime();
            AppServer leased = server;
            return new AppServerLease(leased, this::release, () -> stopIfOnly(leased));
        }

        private void requireOpen() {
            if (closed) {
                throw new ProviderFailureException("the Codex provider is closed");
            }
        }

        /** An app-server that died on its own gives its permit back. */
        private void dropDead() {
            if (server != null && !server.isAlive()) {
                stop();
            }
        }

        /** Running, unheld, not starting and not taken by an exec: may be stopped to make room. */
        boolean idle() {
            AppServer current = server;
            return current != null && leases == 0 && !exclusive && !starting && current.isAlive();
        }

        synchronized boolean stopIfStillIdle() {
            if (!idle()) {
                return false;
            }
            stop();
            return true;
        }

        void release() {
            boolean nowIdle;
            synchronized (this) {
                leases = Math.max(0, leases - 1);
                lastUsed = System.nanoTime();
                notifyAll();
                nowIdle = leases == 0;
            }
            if (nowIdle && cap.hasWaiters()) {
                // somebody waits for a process: the app-server that just went idle makes room (LRU first)
                cap.makeRoom();
            }
        }

        /** Waits until no exclusive holder (and, for an exclusive taker, no lease) remains. */
        private void awaitFree(Duration wait, boolean forExclusive) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (exclusive || starting || (forExclusive && leases > 0)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ProfileBusyException();
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ProfileBusyException();
                }
                if (closed) {
                    throw new ProviderFailureException("the Codex provider is closed");
                }
            }
        }

        synchronized void takeExclusive(Duration wait) {
            awaitFree(wait, true);
            exclusive = true;
            stop();
        }

        void releaseExclusive() {
            synchronized (this) {
                exclusive = false;
                lastUsed = System.nanoTime();
                notifyAll();
            }
        }

        synchronized void stopIfOnly(AppServer leased) {
            if (server == leased && leases <= 1) {
                stop();
            }
        }

        synchronized void stopIfIdle(long now, long idleNanos) {
            if (server != null && leases == 0 && now - lastUsed >= idleNanos) {
                stop();
            } else {
                dropDead();
            }
        }

        synchronized boolean isRunning() {
            return server != null && server.isAlive();
        }

        synchronized void stop() {
            if (server != null) {
                server.close();
                server = null;
            }
            if (permit != null) {
                permit.close();
                permit = null;
            }
            notifyAll();
        }
    }
}
