package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.adapter.out.persistence.testing.SharedEmbeddedDatabase;
import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admin reads contract on the shared embedded PostgreSQL. */
class EmbeddedAdminReadsTest extends AdminReadsContract {
    @RegisterExtension
    static final SharedEmbeddedDatabase DATABASES = SharedEmbeddedDatabase.alone();

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
