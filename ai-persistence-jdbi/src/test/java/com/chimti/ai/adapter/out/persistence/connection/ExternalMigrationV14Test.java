package com.chimti.ai.adapter.out.persistence.connection;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Migration V14 on the external server, in a throwaway database created and dropped by this run. */
class ExternalMigrationV14Test extends MigrationV14Contract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.alone("ai_test_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
