package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.adapter.out.persistence.testing.SharedEmbeddedDatabase;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cross-instance cancel contract on the shared embedded PostgreSQL, with a second pool on it as the other instance. */
class EmbeddedTurnCancelsTest extends TurnCancelsContract {
    @RegisterExtension
    static final SharedEmbeddedDatabase DATABASES = SharedEmbeddedDatabase.withOtherInstance();

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
