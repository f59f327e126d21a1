package com.chimti.ai.adapter.out.persistence.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.connection.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * The external server at 127.0.0.1:5432 (trust auth, user postgres, database test) that the External* tests
 * run on, each in a throwaway database. When it does not answer they are skipped, unless
 * AI_TEST_EXTERNAL_PG=required (CI), which makes its absence a failure.
 */
public final class ExternalPostgres {
    /** Overridable only to check the skip and the required-failure paths against a port nobody listens on. */
    public static final String SERVER = System.getProperty("ai.test.external.pg", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String USER = "postgres";

    private ExternalPostgres() {
    }

    public static boolean answers() {
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

    /** Per test rather than per class, so the report counts the skipped tests instead of hiding them. */
    public static void assumeAnswers(boolean answers) {
        assumeTrue(answers, "no PostgreSQL at " + SERVER + "; set AI_TEST_EXTERNAL_PG=required to fail instead");
    }

    /** Creates a throwaway database and returns its name. */
    public static String createDatabase(String prefix) throws SQLException {
        String name = prefix + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE DATABASE " + name);
        return name;
    }

    public static void dropDatabase(String name) throws SQLException {
        if (name != null) {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public static Database open(String databaseName, int poolSize) {
        return Database.open(DatabaseSettings.external(SERVER + databaseName, USER, null, poolSize));
    }

    private static void execute(String sql) throws SQLException {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
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
