package com.chimti.ai.adapter.out.persistence.artifact;

import com.chimti.ai.adapter.out.persistence.testing.SharedEmbeddedDatabase;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The artifact repository contract on the embedded PostgreSQL shared by the test run. */
class EmbeddedArtifactRepositoryTest extends ArtifactRepositoryContract {
    @RegisterExtension
    static final SharedEmbeddedDatabase DATABASES = SharedEmbeddedDatabase.alone();

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
