package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.adapter.out.persistence.testing.SharedEmbeddedDatabase;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The turn settlement contract on the shared embedded PostgreSQL. */
class EmbeddedTurnSettlementTest extends TurnSettlementContract {
    @RegisterExtension
    static final SharedEmbeddedDatabase DATABASES = SharedEmbeddedDatabase.alone();

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
