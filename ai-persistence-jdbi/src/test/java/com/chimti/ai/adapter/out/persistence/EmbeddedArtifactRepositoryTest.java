package com.chimti.ai.adapter.out.persistence;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The artifact repository contract on the embedded PostgreSQL shared by the test run. */
@ExtendWith(SharedEmbeddedDatabase.class)
class EmbeddedArtifactRepositoryTest extends ArtifactRepositoryContract {
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
