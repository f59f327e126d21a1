package com.chimti.ai.adapter.out.persistence;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The artifact repository contract on the external server, in a throwaway database of this run. */
class ExternalArtifactRepositoryTest extends ArtifactRepositoryContract {
    private static String databaseName;
    private static Database database;
    private static boolean serverAnswers;

    @BeforeAll
    static void createThrowawayDatabase() throws SQLException {
        serverAnswers = ExternalPostgres.answers();
        if (!serverAnswers) {
            return;
        }
        databaseName = ExternalPostgres.createDatabase("ai_test_");
        database = ExternalPostgres.open(databaseName, 4);
        database.migrate();
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
        } finally {
            ExternalPostgres.dropDatabase(databaseName);
        }
    }

    @Override
    protected Database database() {
        return database;
    }
}
