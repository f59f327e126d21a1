package com.chimti.ai.adapter.out.persistence.testing;

import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a migrated throwaway database on the {@link ExternalPostgres external server}, created before
 * the class and dropped after it. When the server does not answer, each test is skipped (or the class fails when
 * AI_TEST_EXTERNAL_PG=required). Register it as a static field:
 * {@code @RegisterExtension static final ThrowawayExternalDatabase DATABASES = ThrowawayExternalDatabase.alone("ai_test_");}
 */
public final class ThrowawayExternalDatabase extends TestDatabases
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final String prefix;
    private final int poolSize;
    private final boolean withOtherInstance;
    private String databaseName;
    private boolean serverAnswers;

    private ThrowawayExternalDatabase(String prefix, int poolSize, boolean withOtherInstance) {
        this.prefix = prefix;
        this.poolSize = poolSize;
        this.withOtherInstance = withOtherInstance;
    }

    public static ThrowawayExternalDatabase alone(String prefix) {
        return new ThrowawayExternalDatabase(prefix, 4, false);
    }

    /** Adds a second, independent {@link ServerInstance} on the same database, as a second server instance. */
    public static ThrowawayExternalDatabase withOtherInstance(String prefix) {
        return new ThrowawayExternalDatabase(prefix, 10, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        serverAnswers = ExternalPostgres.answers();
        if (!serverAnswers) {
            return;
        }
        databaseName = ExternalPostgres.createDatabase(prefix);
        instance = new ServerInstance(ExternalPostgres.open(databaseName, poolSize));
        instance.database().migrate();
        if (withOtherInstance) {
            other = new ServerInstance(ExternalPostgres.open(databaseName, poolSize));
            other.database().migrate(); // a second instance starting up finds the schema current
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        ExternalPostgres.assumeAnswers(serverAnswers);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        try {
            if (instance != null) {
                instance.close();
            }
            if (other != null) {
                other.close();
            }
        } finally {
            ExternalPostgres.dropDatabase(databaseName);
        }
    }
}
