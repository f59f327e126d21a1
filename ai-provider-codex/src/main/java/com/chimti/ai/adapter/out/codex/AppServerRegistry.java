package com.chimti.ai.adapter.out.codex;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One {@code codex app-server} per profile: started on first use, shared by every call of that user, stopped
 * when unused (no lease) for the idle time. Starting and stopping a profile's process happen under that
 * profile's lock, so at most one process touches a profile at a time.
 */
final class AppServerRegistry implements AutoCloseable {
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Duration idleTimeout;
    private volatile boolean closed;

    AppServerRegistry(Duration idleTimeout) {
        this.idleTimeout = idleTimeout;
    }

    /** A lease on the profile's running app-server, starting it if needed. Close the lease when done. */
    Lease lease(String profileId, Supplier<AppServer> starter) {
        if (closed) {
            throw new com.chimti.ai.core.domain.ProviderFailureException("the Codex provider is closed");
        }
        return slots.computeIfAbsent(profileId, k -> new Slot()).lease(starter);
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

        synchronized Lease lease(Supplier<AppServer> starter) {
            if (closed) {
                throw new com.chimti.ai.core.domain.ProviderFailureException("the Codex provider is closed");
            }
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
        }
    }
}
