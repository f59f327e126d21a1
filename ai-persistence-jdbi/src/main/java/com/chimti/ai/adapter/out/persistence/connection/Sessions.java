package com.chimti.ai.adapter.out.persistence.connection;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens a connection of its own, outside the pool, for an adapter that keeps one session for a long time
 * (advisory locks, LISTEN), so it never holds a pooled connection.
 */
@FunctionalInterface
public interface Sessions {
    Connection open() throws SQLException;
}
