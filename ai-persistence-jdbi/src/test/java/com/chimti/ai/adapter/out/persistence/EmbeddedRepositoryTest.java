package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.adapter.out.persistence.testing.SharedEmbeddedDatabase;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The repository contract against the embedded PostgreSQL the app uses when no JDBC URL is configured. */
class EmbeddedRepositoryTest extends RepositoryContract {
    @RegisterExtension
    static final SharedEmbeddedDatabase DATABASES = SharedEmbeddedDatabase.alone();

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
