package com.chimti.ai.adapter.out.persistence.chat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs the reads behind every chat and message listing as plain JDBC statements on the pool. Profiled at 64
 * connections, JDBI spent more server CPU on each of these calls (extension set-up, argument factory lookups,
 * statement context) than the query and the row mapping together; the listing runs them on every request.
 * The writes and the rarer reads stay JDBI SQL Objects. Parameters are positional ({@code ?}).
 */
final class HotReads {
    /** Reads the current row of a result set. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final DataSource pool;

    HotReads(DataSource pool) {
        this.pool = pool;
    }

    <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = prepare(connection, sql, parameters);
             ResultSet rs = statement.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.read(rs));
            }
            return rows;
        } catch (SQLException e) {
            // the message names the statement's SQLSTATE, never its parameters
            throw new IllegalStateException("reading failed, SQLSTATE " + e.getSQLState(), e);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        List<T> rows = list(sql, row, parameters);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else if (value instanceof Instant instant) {
                    statement.setObject(i + 1, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }
}
