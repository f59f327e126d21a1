package com.chimti.ai.adapter.out.persistence.testing;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.connection.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class the one migrated embedded server shared by the whole test run, so the suite pays for initdb
 * once. The server lives in the root store, which closes it (stopping PostgreSQL and removing its files) when the
 * run ends. Register it as a static field:
 * {@code @RegisterExtension static final SharedEmbeddedDatabase DATABASES = SharedEmbeddedDatabase.alone();}
 */
public final class SharedEmbeddedDatabase extends TestDatabases implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedEmbeddedDatabase.class);

    /** The embedded server's superuser, which a second pool on it connects as. */
    private static final String EMBEDDED_USER = "postgres";

    private final boolean withOtherInstance;

    private SharedEmbeddedDatabase(boolean withOtherInstance) {
        this.withOtherInstance = withOtherInstance;
    }

    public static SharedEmbeddedDatabase alone() {
        return new SharedEmbeddedDatabase(false);
    }

    /** Adds a second pool on the shared server as the other instance, closed after the class. */
    public static SharedEmbeddedDatabase withOtherInstance() {
        return new SharedEmbeddedDatabase(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        instance = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("database", key -> Running.start(), Running.class).instance;
        if (withOtherInstance) {
            String url;
            try (var handle = instance.jdbi().open()) {
                url = handle.getConnection().getMetaData().getURL();
            }
            other = new ServerInstance(Database.open(DatabaseSettings.external(url, EMBEDDED_USER, null, 10)));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (other != null) {
            other.close();
        }
    }

    static final class Running implements AutoCloseable {
        final Path dir;
        final ServerInstance instance;

        private Running(Path dir, ServerInstance instance) {
            this.dir = dir;
            this.instance = instance;
        }

        static Running start() {
            try {
                Path dir = Files.createTempDirectory("ai-pg-shared");
                Database database = Database.open(DatabaseSettings.embedded(dir));
                database.migrate();
                return new Running(dir, new ServerInstance(database));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            instance.close();
            deleteRecursively(dir);
        }
    }

    public static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
