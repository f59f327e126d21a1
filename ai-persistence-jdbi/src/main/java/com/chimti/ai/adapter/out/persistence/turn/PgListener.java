package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.adapter.out.persistence.connection.Sessions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LISTEN session of its own (LISTEN needs the same session for its whole life) on a daemon thread: it
 * listens on the given channels, hands each notification to {@code onNotification} on that thread, and reopens
 * the session a second after it breaks ({@code onListening} runs each time it listens again; what was notified
 * meanwhile is missed).
 */
final class PgListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgListener.class);

    private final String name;
    private final Sessions sessions;
    private final List<String> channels;
    private final Runnable onListening;
    private final BiConsumer<String, String> onNotification;
    private Thread thread; // guarded by this
    private volatile boolean closed;
    private volatile boolean listening;

    /** @param onNotification gets each notification's channel and payload */
    PgListener(String name, Sessions sessions, List<String> channels, Runnable onListening,
               BiConsumer<String, String> onNotification) {
        this.name = Objects.requireNonNull(name, "name");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.channels = List.copyOf(channels);
        this.onListening = Objects.requireNonNull(onListening, "onListening");
        this.onNotification = Objects.requireNonNull(onNotification, "onNotification");
    }

    /** Starts the session's thread, once; nothing after {@link #close()}. */
    synchronized void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Whether the session listens now. */
    boolean listening() {
        return listening;
    }

    private void run() {
        while (!closed) {
            try (Connection connection = sessions.open()) {
                try (Statement listen = connection.createStatement()) {
                    for (String channel : channels) {
                        listen.execute("LISTEN " + channel);
                    }
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                listening = true;
                onListening.run();
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(1_000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            onNotification.accept(notification.getName(), notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (!closed) {
                    LOG.warn("{} lost its database session ({}); listening again in a second", name, e.getSQLState());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the thread (it notices within a second) and waits for it, at most five seconds. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
