package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.adapter.out.persistence.connection.Sessions;
import com.chimti.ai.core.port.out.ProfileLocks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ProfileLocks} as PostgreSQL session advisory locks ({@code pg_try_advisory_lock}), shared by every
 * instance on the same database. All locks of this instance live on one dedicated connection outside the pool,
 * so a held lock never keeps a pooled connection busy for a whole turn, and a crashed instance's locks end with
 * its session. A key maps to a 64-bit lock id: the first 8 bytes of SHA-256 of {@code "ai-profile:" + key}.
 *
 * <p>If the session breaks while locks are held, PostgreSQL has already released them; the next call opens a
 * new session, and releasing a lock of the old one only logs that it was lost.
 */
public final class PgProfileLocks implements ProfileLocks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgProfileLocks.class);
    private static final int QUERY_TIMEOUT_SECONDS = 5;

    private final Sessions sessions;
    private Connection session; // guarded by this
    private boolean closed; // guarded by this

    /** @param sessions opens the one session every lock of this instance lives on */
    public PgProfileLocks(Sessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    @Override
    public synchronized Optional<Lock> tryLock(String key) {
        long id = lockId(key);
        Connection held = session();
        try (PreparedStatement statement = held.prepareStatement("select pg_try_advisory_lock(?)")) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        } catch (SQLException e) {
            dropSession();
            throw new IllegalStateException("the profile lock could not be taken: " + e.getSQLState(), e);
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                unlock(id, held);
            }
        });
    }

    private synchronized void unlock(long id, Connection holder) {
        if (holder != session) {
            LOG.warn("a profile lock ended with its database session before it was released");
            return;
        }
        try (PreparedStatement statement = holder.prepareStatement("select pg_advisory_unlock(?)")) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    LOG.warn("a profile lock was not held when it was released");
                }
            }
        } catch (SQLException e) {
            // the session is suspect: closing it releases every lock it still holds
            LOG.warn("a profile lock could not be released ({}); its session is closed", e.getSQLState());
            dropSession();
        }
    }

    private Connection session() {
        if (closed) {
            throw new IllegalStateException("the profile locks are closed");
        }
        try {
            if (session == null || session.isClosed()) {
                session = sessions.open();
                session.setAutoCommit(true);
            }
            return session;
        } catch (SQLException e) {
            session = null;
            throw new IllegalStateException("the profile locks' database session could not be opened: "
                    + e.getSQLState(), e);
        }
    }

    private void dropSession() {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // gone already
            }
            session = null;
        }
    }

    /** Ends the session, which releases every lock it holds. */
    @Override
    public synchronized void close() {
        closed = true;
        dropSession();
    }

    static long lockId(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("ai-profile:" + key).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }
}
