package com.chimti.ai.adapter.out.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves a {@link Database} parameter to one migrated embedded server shared by the whole test run, so the
 * suite pays for initdb once. It lives in the root store, which closes it (stopping PostgreSQL and removing its
 * files) when the run ends.
 */
final class SharedEmbeddedDatabase implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedEmbeddedDatabase.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Database.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("database", key -> Running.start(), Running.class).database;
    }

    static final class Running implements AutoCloseable {
        final Path dir;
        final Database database;

        private Running(Path dir, Database database) {
            this.dir = dir;
            this.database = database;
        }

        static Running start() {
            try {
                Path dir = Files.createTempDirectory("ai-pg-shared");
                Database database = Database.open(DatabaseSettings.embedded(dir));
                database.migrate();
                return new Running(dir, database);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            database.close();
            deleteRecursively(dir);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
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
