package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cross-instance cancel contract on the external server, in a throwaway database that two independent stacks share. */
class ExternalTurnCancelsTest extends TurnCancelsContract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.withOtherInstance("ai_test_cancels_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
