package com.chimti.ai.adapter.out.persistence.audit;

import com.chimti.ai.adapter.out.persistence.testing.SharedEmbeddedDatabase;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit trail contract on the shared embedded PostgreSQL, with a second instance. */
class EmbeddedAuditTrailTest extends AuditTrailContract {
    @RegisterExtension
    static final SharedEmbeddedDatabase DATABASES = SharedEmbeddedDatabase.withOtherInstance();

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
