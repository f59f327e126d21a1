package com.chimti.ai.adapter.out.persistence.connection;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared setup contract on the external server, in a throwaway database, with a second pool as the other instance. */
class ExternalSharedSetupTest extends SharedSetupContract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.withOtherInstance("ai_setup_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
