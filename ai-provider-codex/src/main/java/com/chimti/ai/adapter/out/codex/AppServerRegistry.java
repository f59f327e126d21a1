package com.chimti.ai.adapter.out.codex;

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
 */
final class AppServerRegistry implements AutoCloseable {
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private final Duration leaseWait;
    private volatile boolean closed;

    AppServerRegistry(Duration idleTimeout) {
        this(idleTimeout, Duration.ofSeconds(30));
    }

    /** @param leaseWait how long a lease waits for an exclusive (exec) holder of the profile to finish */
    AppServerRegistry(Duration idleTimeout, Duration leaseWait) {
        this.idleTimeout = idleTimeout;
        this.leaseWait = leaseWait;
    }

    /**
     * Takes the profile for one process that writes it outside the app-server (an exec turn): waits up to
     * {@code wait} until nobody holds a lease or the profile, then stops the profile's app-server. Close the
     * returned handle when the process is gone.
     */
    Exclusive exclusive(String profileId, Duration wait) {
        if (closed) {
            throw new com.chimti.ai.core.domain.ProviderFailureException("the Codex provider is closed");
        }
        Slot slot = slots.computeIfAbsent(profileId, k -> new Slot());
        slot.takeExclusive(wait);
        return new Exclusive(slot);
    }

    /** Thrown when a profile stays taken by another process for longer than the wait bound. */
    static final class ProfileBusyException extends com.chimti.ai.core.domain.ProviderFailureException {
        ProfileBusyException() {
            super("another Codex operation of this account is still running; try again shortly");
        }
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
    Lease lease(String profileId, Supplier<AppServer> starter) {
        if (closed) {
            throw new com.chimti.ai.core.domain.ProviderFailureException("the Codex provider is closed");
        }
        return slots.computeIfAbsent(profileId, k -> new Slot()).lease(starter, leaseWait);
    }

    /** Stops app-servers that nobody holds and that were unused for the idle time. */
    void reapIdle() {
        long now = System.nanoTime();
        for (Slot slot : slots.values()) {
            slot.stopIfIdle(now, idleTimeout.toNanos());
        }
    }

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
        List<Slot> all = new ArrayList<>(slots.values());
        all.forEach(Slot::stop);
    }

    final class Lease implements AutoCloseable {
        private final Slot slot;
        private final AppServer server;
        private boolean released;

        private Lease(Slot slot, AppServer server) {
            this.slot = slot;
            this.server = server;
        }

        AppServer server() {
            return server;
        }

        /**
         * Kills the app-server when this lease is its only user (a turn that ignored {@code turn/interrupt});
         * a server shared with other calls is left running.
         */
        void killIfSole() {
            slot.stopIfOnly(server);
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                slot.release();
            }
        }
    }

    private final class Slot {
        private AppServer server;
        private int leases;
        private long lastUsed = System.nanoTime();
        private boolean exclusive;

        synchronized Lease lease(Supplier<AppServer> starter, Duration wait) {
            if (closed) {
                throw new com.chimti.ai.core.domain.ProviderFailureException("the Codex provider is closed");
            }
            awaitFree(wait, false);
            if (server == null || !server.isAlive()) {
                if (server != null) {
                    server.close();
                }
                server = null;
                server = starter.get();
            }
            leases++;
            lastUsed = System.nanoTime();
            return new Lease(this, server);
        }

        synchronized void release() {
            leases = Math.max(0, leases - 1);
            lastUsed = System.nanoTime();
            notifyAll();
        }

        /** Waits until no exclusive holder (and, for an exclusive taker, no lease) remains. */
        private void awaitFree(Duration wait, boolean forExclusive) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (exclusive || (forExclusive && leases > 0)) {
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
                    throw new com.chimti.ai.core.domain.ProviderFailureException("the Codex provider is closed");
                }
            }
        }

        synchronized void takeExclusive(Duration wait) {
            awaitFree(wait, true);
            exclusive = true;
            stop();
        }

        synchronized void releaseExclusive() {
            exclusive = false;
            lastUsed = System.nanoTime();
            notifyAll();
        }

        synchronized void stopIfOnly(AppServer leased) {
            if (server == leased && leases <= 1) {
                stop();
            }
        }

        synchronized void stopIfIdle(long now, long idleNanos) {
            if (server != null && leases == 0 && now - lastUsed >= idleNanos) {
                stop();
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
            notifyAll();
        }
    }
}
