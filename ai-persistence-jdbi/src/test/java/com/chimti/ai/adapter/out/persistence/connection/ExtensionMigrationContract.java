package com.chimti.ai.adapter.out.persistence.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host extension's tables, migrated after the core's with a Flyway history of their own: their V1 is not the
 * core's V1, a second start applies nothing, and the migrations are found through the extension's class loader.
 */
abstract class ExtensionMigrationContract extends DatabaseContract {
    @TempDir
    Path classes;

    private boolean tableExists(String table) {
        return instance().jdbi().withHandle(h -> h.createQuery("SELECT to_regclass(:t) IS NOT NULL")
                .bind("t", table).mapTo(Boolean.class).one());
    }

    private List<String> history(String table) {
        return instance().jdbi().withHandle(h -> h.createQuery("SELECT version || ':' || success FROM " + table
                + " ORDER BY installed_rank").mapTo(String.class).list());
    }

    @Test
    void anExtensionsVersionsLiveInAHistoryOfTheirOwnAfterTheCoresSchema() {
        Database database = instance().database();
        List<String> coreBefore = history("flyway_schema_history");

        database.migrateExtension("probe", getClass().getClassLoader(), "classpath:db/test-extension");

        assertThat(Database.extensionHistoryTable("probe")).isEqualTo("flyway_history_ext_probe");
        assertThat(history("flyway_history_ext_probe")).containsExactly("0:true", "1:true", "2:true");
        assertThat(history("flyway_schema_history")).as("the core's history is untouched").isEqualTo(coreBefore);
        instance().jdbi().useHandle(h -> h.execute("INSERT INTO ext_probe (id, note) VALUES ('p1', 'x')"));
        boolean flagged = instance().jdbi().withHandle(h -> h.createQuery(
                "SELECT flagged FROM ext_probe WHERE id = 'p1'").mapTo(Boolean.class).one());
        assertThat(flagged).as("V2's column, with its default").isFalse();

        // the next start: both histories are current, nothing runs again, the row stays
        database.migrate();
        database.migrateExtension("probe", getClass().getClassLoader(), "classpath:db/test-extension");
        assertThat(history("flyway_history_ext_probe")).containsExactly("0:true", "1:true", "2:true");
        assertThat(history("flyway_schema_history")).isEqualTo(coreBefore);
        int rows = instance().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM ext_probe")
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void theMigrationsAreFoundThroughTheExtensionsClassLoader() throws Exception {
        Path script = classes.resolve("db/loader_probe/V1__create_ext_loader_probe.sql");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "CREATE TABLE ext_loader_probe (id TEXT PRIMARY KEY);\n");
        Database database = instance().database();

        database.migrateExtension("app_loader", getClass().getClassLoader(), "classpath:db/loader_probe");
        assertThat(tableExists("ext_loader_probe")).as("the app's class path has no such migrations").isFalse();

        try (URLClassLoader extensionLoader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            database.migrateExtension("own_loader", extensionLoader, "classpath:db/loader_probe");
        }
        assertThat(tableExists("ext_loader_probe")).isTrue();
        assertThat(history("flyway_history_ext_own_loader")).containsExactly("0:true", "1:true");
    }

    @Test
    void aNameThatCannotNameATableIsRefused() {
        assertThatThrownBy(() -> instance().database().migrateExtension("orders; DROP TABLE ai_chats",
                getClass().getClassLoader(), "classpath:db/test-extension"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tableExists("ai_chats")).isTrue();
    }
}
