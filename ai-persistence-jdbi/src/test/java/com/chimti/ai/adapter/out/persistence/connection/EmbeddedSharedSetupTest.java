package com.chimti.ai.adapter.out.persistence.connection;

import com.chimti.ai.adapter.out.persistence.testing.SharedEmbeddedDatabase;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared setup contract on the embedded PostgreSQL, with a second pool as the other instance. */
class EmbeddedSharedSetupTest extends SharedSetupContract {
    @RegisterExtension
    static final SharedEmbeddedDatabase DATABASES = SharedEmbeddedDatabase.withOtherInstance();

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
