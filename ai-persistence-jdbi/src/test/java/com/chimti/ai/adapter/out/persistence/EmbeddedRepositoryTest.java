package com.chimti.ai.adapter.out.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The repository contract against the embedded PostgreSQL the app uses when no JDBC URL is configured. */
@ExtendWith(SharedEmbeddedDatabase.class)
class EmbeddedRepositoryTest extends RepositoryContract {
    private static Database database;

    @BeforeAll
    static void useSharedServer(Database shared) {
        database = shared;
    }

    @Override
    protected Database database() {
        return database;
    }
}
