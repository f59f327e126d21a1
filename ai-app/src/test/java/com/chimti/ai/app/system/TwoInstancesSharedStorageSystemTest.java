package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.app.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Instances on one database check at start that they share the profile root and the profile-hash secret: the
 * first records them, one that shares both starts, one with another root or another secret refuses to start
 * naming the variable (never its value).
 */
class TwoInstancesSharedStorageSystemTest {
    private static final String SECRET = "two-instances-profile-hash-secret-0123456789";
    private static final String OTHER_SECRET = "another-profile-hash-secret-9876543210abcd";

    @TempDir
    Path dir;

    @Test
    void aSecondInstanceStartsOnlyWithTheSameProfileRootAndTheSameSecret() throws Exception {
        try (SharedDatabase database = SharedDatabase.create()) {
            Path shared = dir.resolve("profiles");
            try (RunningServer a = RunningServer.start(dir.resolve("a"), env(database, shared, SECRET));
                 RunningServer b = RunningServer.start(dir.resolve("b"), env(database, shared, SECRET))) {
                assertThat(a.get("/healthz", null).status()).isEqualTo(200);
                assertThat(b.get("/healthz", null).status()).isEqualTo(200);
                assertThat(Files.readString(shared.resolve(".chimti-profile-root")).strip()).isNotBlank();

                // a profile folder that is not on the shared volume
                Path local = dir.resolve("c-local-profiles");
                assertThatThrownBy(() -> RunningServer.start(dir.resolve("c"), env(database, local, SECRET)))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("AI_PROFILE_STORAGE_PATH")
                        .hasMessageNotContaining(local.toString())
                        .hasMessageNotContaining(SECRET);
                // the shared volume, but another secret
                assertThatThrownBy(() -> RunningServer.start(dir.resolve("d"), env(database, shared, OTHER_SECRET)))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("AI_PROFILE_HASH_SECRET")
                        .hasMessageNotContaining(OTHER_SECRET)
                        .hasMessageNotContaining(SECRET)
                        .hasMessageNotContaining(shared.toString());
                // the refused ones changed nothing: the first two still serve, and a restart of one still starts
                assertThat(a.get("/healthz", null).status()).isEqualTo(200);
            }
            try (RunningServer again = RunningServer.start(dir.resolve("a"), env(database, shared, SECRET))) {
                assertThat(again.get("/healthz", null).status()).isEqualTo(200);
            }
        }
    }

    @Test
    void anEmbeddedDatabaseServesOneInstanceAndIsNotChecked() {
        // the same data dir with another profile root and secret: an embedded database is this instance's own
        try (RunningServer first = RunningServer.start(dir.resolve("e"), Map.of(
                "AI_PROFILE_STORAGE_PATH", dir.resolve("p1").toString(), "AI_PROFILE_HASH_SECRET", SECRET))) {
            assertThat(first.get("/healthz", null).status()).isEqualTo(200);
        }
        try (RunningServer second = RunningServer.start(dir.resolve("e"), Map.of(
                "AI_PROFILE_STORAGE_PATH", dir.resolve("p2").toString(), "AI_PROFILE_HASH_SECRET", OTHER_SECRET))) {
            assertThat(second.get("/healthz", null).status()).isEqualTo(200);
        }
    }

    private static Map<String, String> env(SharedDatabase database, Path profiles, String secret) {
        Map<String, String> env = new HashMap<>();
        env.put("AI_DB_URL", database.jdbcUrl());
        env.put("AI_DB_USER", SharedDatabase.USER);
        env.put("AI_PROFILE_STORAGE_PATH", profiles.toString());
        env.put("AI_WORKSPACE_STORAGE_PATH", profiles.resolveSibling("workspaces").toString());
        env.put("AI_PROFILE_HASH_SECRET", secret);
        return env;
    }
}
