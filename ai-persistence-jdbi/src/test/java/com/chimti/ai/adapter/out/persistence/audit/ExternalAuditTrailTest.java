package com.chimti.ai.adapter.out.persistence.audit;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audit trail contract on the external server, in a throwaway database, with a second instance. */
class ExternalAuditTrailTest extends AuditTrailContract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.withOtherInstance("ai_test_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
