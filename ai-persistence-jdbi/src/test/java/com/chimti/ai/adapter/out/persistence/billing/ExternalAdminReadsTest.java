package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin reads contract on the external server, in a throwaway database. */
class ExternalAdminReadsTest extends AdminReadsContract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.alone("ai_test_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
