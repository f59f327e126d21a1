package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The profile locks contract on the external server, in a throwaway database that two independent
 * {@link Database} stacks share, as two server instances would.
 */
class ExternalProfileLocksTest extends ProfileLocksContract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.withOtherInstance("ai_test_locks_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
