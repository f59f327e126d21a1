package com.chimti.ai.adapter.out.persistence;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared turn event log contract on the external server, in a throwaway database that two independent
 * {@link Database} stacks share, as two server instances would.
 */
class ExternalTurnEventLogTest extends TurnEventLogContract {
    private static String databaseName;
    private static Database database;
    private static Database other;
    private static boolean serverAnswers;

    @BeforeAll
    static void createThrowawayDatabase() throws SQLException {
        serverAnswers = ExternalPostgres.answers();
        if (!serverAnswers) {
            return;
        }
        databaseName = ExternalPostgres.createDatabase("ai_test_events_");
        database = ExternalPostgres.open(databaseName, 10);
        database.migrate();
        other = ExternalPostgres.open(databaseName, 10);
        other.migrate(); // a second instance starting up finds the schema current
    }

    @BeforeEach
    void requireServer() {
        ExternalPostgres.assumeAnswers(serverAnswers);
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
            ExternalPostgres.dropDatabase(databaseName);
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
}
