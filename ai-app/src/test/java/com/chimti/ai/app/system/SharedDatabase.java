package com.chimti.ai.app.system;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A throwaway database on the external PostgreSQL at 127.0.0.1:5432 (trust auth, user postgres) that several
 * servers share, dropped on close. When the server does not answer, the test is skipped, unless
 * AI_TEST_EXTERNAL_PG=required (as .ci/run sets), which makes its absence a failure.
 */
final class SharedDatabase implements AutoCloseable {
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    static final String USER = "postgres";

    final String name;

    private SharedDatabase(String name) {
        this.name = name;
    }

    /** Creates the database, or skips (fails when required) without a server. */
    static SharedDatabase create() {
        assumeAnswers();
        String name = "ai_two_" + UUID.randomUUID().toString().replace("-", "");
        try {
            execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database", e);
        }
        return new SharedDatabase(name);
    }

    private static void assumeAnswers() {
        boolean answers;
        try (Connection probe = connect("test")) {
            answers = probe.isValid(2);
        } catch (SQLException unreachable) {
            answers = false;
        }
        if (!answers && "required".equals(System.getenv("AI_TEST_EXTERNAL_PG"))) {
            throw new AssertionError("AI_TEST_EXTERNAL_PG=required but PostgreSQL at " + SERVER + " does not answer");
        }
        assumeTrue(answers, "no PostgreSQL at " + SERVER + "; set AI_TEST_EXTERNAL_PG=required to fail instead");
    }

    String jdbcUrl() {
        return SERVER + name;
    }

    /** One number from a query on this database, e.g. {@code select count(*) from ...}. */
    long queryLong(String sql, Object... parameters) {
        try (Connection connection = connect(name); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs one statement on this database, e.g. an insert of a host's rows. */
    void update(String sql, Object... parameters) {
        try (Connection connection = connect(name); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop the test database " + name, e);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection admin = connect("test"); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }

    static Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "60");
        return DriverManager.getConnection(SERVER + database, properties);
    }
}
