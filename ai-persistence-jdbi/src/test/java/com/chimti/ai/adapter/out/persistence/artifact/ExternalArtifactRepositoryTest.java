package com.chimti.ai.adapter.out.persistence.artifact;

import com.chimti.ai.adapter.out.persistence.testing.TestDatabases;
import com.chimti.ai.adapter.out.persistence.testing.ThrowawayExternalDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The artifact repository contract on the external server, in a throwaway database of this run. */
class ExternalArtifactRepositoryTest extends ArtifactRepositoryContract {
    @RegisterExtension
    static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.alone("ai_test_");

    @Override
    protected TestDatabases databases() {
        return DATABASES;
    }
}
