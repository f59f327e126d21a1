package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared turn event log contract on the external server, in a throwaway database that two independent
 * {@link Database} stacks share, as two server instances would.
 */
class ExternalTurnEventLogTest extends TurnEventLogContract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.withOtherInstance("ai_test_events_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
