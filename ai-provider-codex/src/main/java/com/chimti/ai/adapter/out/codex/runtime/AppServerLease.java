package com.chimti.ai.adapter.out.codex.runtime;

import com.chimti.ai.adapter.out.codex.rpc.AppServer;

/**
 * A hold on a user's running app-server ({@link CodexRuntime#lease}): while any lease is open, the app-server is
 * neither reaped when idle nor stopped to make room under the process cap. Close it when done (idempotent).
 */
public final class AppServerLease implements AutoCloseable {
    private final AppServer server;
    private final Runnable release;
    private final Runnable stopIfSole;
    private boolean released;

    AppServerLease(AppServer server, Runnable release, Runnable stopIfSole) {
        this.server = server;
        this.release = release;
        this.stopIfSole = stopIfSole;
    }

    public AppServer server() {
        return server;
    }

    /**
     * Kills the app-server when this lease is its only user (a turn that ignored {@code turn/interrupt});
     * a server shared with other calls is left running.
     */
    public void killIfSole() {
        stopIfSole.run();
    }

    @Override
    public synchronized void close() {
        if (!released) {
            released = true;
            release.run();
        }
    }
}
