package com.chimti.ai.adapter.out.persistence;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The rate limiter contract on an external server at 127.0.0.1:5432 (as {@link ExternalRepositoryTest}: trust
 * auth, user postgres), in a throwaway database that two independent {@link Database} stacks share. Skipped when
 * the server does not answer; AI_TEST_EXTERNAL_PG=required makes that a failure.
 */
class ExternalRateLimiterTest extends RateLimiterContract {
    private static final String SERVER =
            System.getProperty("ai.test.external.pg", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = "postgres";
    private static String databaseName;
    private static Database database;
    private static Database other;
    private static boolean serverAnswers;

    @BeforeAll
    static void createThrowawayDatabase() throws SQLException {
        serverAnswers = serverAnswers();
        if (!serverAnswers) {
            return;
        }
        databaseName = "ai_test_rl_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + databaseName);
        }
        database = Database.open(DatabaseSettings.external(SERVER + databaseName, USER, null, 10));
        database.migrate();
        other = Database.open(DatabaseSettings.external(SERVER + databaseName, USER, null, 10));
        other.migrate(); // a second instance starting up finds the schema current
    }

    @BeforeEach
    void requireServer() {
        assumeTrue(serverAnswers,
                "no PostgreSQL at " + SERVER + "; set AI_TEST_EXTERNAL_PG=required to fail instead");
    }

    @AfterAll
    static void dropThrowawayDatabase() throws SQLException {
        try {
            if (database != null) {
                database.close();
            }
            if (other != null) {
                other.close();
            }
        } finally {
            if (databaseName != null) {
                try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
                }
            }
        }
    }

    @Override
    protected Database database() {
        return database;
    }

    @Override
    protected Database otherInstance() {
        return other;
    }

    private static boolean serverAnswers() {
        try (Connection probe = adminConnection()) {
            return probe.isValid(2);
        } catch (SQLException unreachable) {
            if ("required".equals(System.getenv("AI_TEST_EXTERNAL_PG"))) {
                throw new AssertionError("AI_TEST_EXTERNAL_PG=required but PostgreSQL at " + SERVER
                        + " does not answer: " + unreachable.getMessage());
            }
            return false;
        }
    }

    private static Connection adminConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "30");
        return DriverManager.getConnection(SERVER + "test", properties);
    }
}
