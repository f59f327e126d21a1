package com.chimti.ai.adapter.out.persistence.erasure;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The erasure contract on the external server, in a throwaway database of this run. */
class ExternalUserDataEraserTest extends UserDataEraserContract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.alone("ai_test_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
