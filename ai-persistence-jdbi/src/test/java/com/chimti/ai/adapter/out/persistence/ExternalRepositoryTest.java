package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The repository contract on the external server, in a throwaway database created and dropped by this run. */
class ExternalRepositoryTest extends RepositoryContract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.alone("ai_test_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
