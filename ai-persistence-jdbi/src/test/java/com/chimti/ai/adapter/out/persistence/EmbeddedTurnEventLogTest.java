package com.chimti.ai.adapter.out.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The shared turn event log contract on the shared embedded PostgreSQL, with a second pool on it as the other instance. */
@ExtendWith(SharedEmbeddedDatabase.class)
class EmbeddedTurnEventLogTest extends TurnEventLogContract {
    private static Database database;
    private static Database other;

    @BeforeAll
    static void useSharedServer(Database shared) throws java.sql.SQLException {
        database = shared;
        String url;
        try (var handle = shared.jdbi().open()) {
            url = handle.getConnection().getMetaData().getURL();
        }
        other = Database.open(DatabaseSettings.external(url, EmbeddedServer.USER, null, 10));
    }

    @AfterAll
    static void closeTheOtherInstance() {
        if (other != null) {
            other.close();
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
