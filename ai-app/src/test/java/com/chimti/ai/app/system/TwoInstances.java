package com.chimti.ai.app.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Two servers as an operator scales out: one external PostgreSQL database, one profile volume and one
 * profile-hash secret, each with its own data dir and port.
 */
final class TwoInstances implements AutoCloseable {
    final SharedDatabase database;
    final RunningServer a;
    final RunningServer b;

    private TwoInstances(SharedDatabase database, RunningServer a, RunningServer b) {
        this.database = database;
        this.a = a;
        this.b = b;
    }

    static TwoInstances start(Path dir, Map<String, String> extra) {
        SharedDatabase database = SharedDatabase.create();
        RunningServer a = null;
        try {
            Map<String, String> shared = new HashMap<>();
            shared.put("AI_DB_URL", database.jdbcUrl());
            shared.put("AI_DB_USER", SharedDatabase.USER);
            shared.put("AI_PROFILE_STORAGE_PATH", dir.resolve("profiles").toString());
            shared.put("AI_WORKSPACE_STORAGE_PATH", dir.resolve("workspaces").toString());
            shared.put("AI_PROFILE_HASH_SECRET", "two-instances-profile-hash-secret-0123456789");
            shared.putAll(extra);
            a = RunningServer.start(dir.resolve("a"), shared);
            RunningServer b = RunningServer.start(dir.resolve("b"), shared);
            return new TwoInstances(database, a, b);
        } catch (RuntimeException | Error failed) {
            if (a != null) {
                a.close();
            }
            database.close();
            throw failed;
        }
    }

    /** A for even numbers, B for odd ones: a simple way to spread requests over both. */
    RunningServer either(int n) {
        return n % 2 == 0 ? a : b;
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            try {
                a.close();
            } finally {
                database.close();
            }
        }
    }
}
