package com.chimti.ai.adapter.out.persistence.connection;

import com.chimti.ai.adapter.out.persistence.testing.SharedEmbeddedDatabase;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Migration V14 on the embedded PostgreSQL. */
class EmbeddedMigrationV14Test extends MigrationV14Contract {
    @RegisterExtension
    static final SharedEmbeddedDatabase DATABASES = SharedEmbeddedDatabase.alone();

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
