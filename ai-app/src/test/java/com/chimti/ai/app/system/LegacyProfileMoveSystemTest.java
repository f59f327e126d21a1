package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up half of migration V9, with the real Codex CLI: a profile folder from before V9 (named by the sub
 * alone, listed by V9 in ai_profile_moves because the sub had one client) is renamed to its (client, sub) name
 * when the server starts, the user is connected in that client only, the log names no id, and a second start
 * changes nothing.
 */
class LegacyProfileMoveSystemTest {
    private static final String KEY = "a-profile-hash-key-of-at-least-32-bytes";

    @TempDir
    Path dataDir;

    private FakeOpenAiServer openAi;
    private SharedDatabase database;
    private RunningServer server;
    private CapturedLogs logs;

    @AfterEach
    void stop() {
        if (logs != null) {
            logs.close();
        }
        CodexServerFixture.stopAll(server, openAi);
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aSingleClientSubsFolderMovesAtStartAndOnlyOnce() throws Exception {
        database = SharedDatabase.create();
        openAi = new FakeOpenAiServer();
        Path profiles = dataDir.resolve("profiles").resolve("codex");
        Path work = dataDir.resolve("work").resolve("codex");
        Map<String, String> env = CodexServerFixture.codexEnv(openAi, dataDir);
        env.put("AI_DB_URL", database.jdbcUrl());
        env.put("AI_DB_USER", SharedDatabase.USER);
        env.put("AI_PROFILE_HASH_SECRET", KEY);
        env.put("AI_PROFILE_STORAGE_PATH", profiles.getParent().toString());
        env.put("AI_WORKSPACE_STORAGE_PATH", work.getParent().toString());
        String inA = RunningServer.token("sam", "client-a", List.of("brand-1"), List.of("BRAND_ADMIN"), false);
        String inB = RunningServer.token("sam", "client-b", List.of("brand-1"), List.of("BRAND_ADMIN"), false);

        // connect sam in client-a, then put the folder back where a pre-V9 server kept it
        server = RunningServer.start(dataDir.resolve("server"), env);
        CodexServerFixture.loginWithApiKey(server, inA);
        server.close();
        server = null;
        Path newHome = profiles.resolve(newName("client-a", "sam"));
        assertThat(newHome.resolve("auth.json")).exists();
        Files.move(newHome, profiles.resolve(oldName("sam")));
        Files.move(work.resolve(newName("client-a", "sam")), work.resolve(oldName("sam")));
        try (Connection c = SharedDatabase.connect(database.name);
             PreparedStatement insert = c.prepareStatement(
                     "INSERT INTO ai_profile_moves (user_id, client_id) VALUES ('sam', 'client-a')")) {
            insert.executeUpdate();
        }

        logs = CapturedLogs.capture();
        server = RunningServer.start(dataDir.resolve("server"), env);
        assertThat(profiles.resolve(oldName("sam"))).doesNotExist();
        assertThat(work.resolve(oldName("sam"))).doesNotExist();
        assertThat(newHome.resolve("auth.json")).exists();
        assertThat(server.get("/v1/ai/account", inA).json().get("status").asText()).isEqualTo("connected");
        assertThat(server.get("/v1/ai/account", inB).json().get("status").asText()).isEqualTo("disconnected");
        assertThat(database.queryLong("SELECT count(*) FROM ai_profile_moves WHERE moved_at IS NOT NULL"))
                .isEqualTo(1);
        List<String> moveLines = logs.lines().stream().filter(l -> l.contains("Codex profiles from before V9"))
                .toList();
        assertThat(moveLines).singleElement().satisfies(line -> assertThat(line)
                .contains("1 moved").doesNotContain("sam", "client-a", newName("client-a", "sam"), oldName("sam")));
        logs.close();

        // a second start finds nothing to do and leaves the folder alone
        logs = CapturedLogs.capture();
        server.close();
        server = RunningServer.start(dataDir.resolve("server"), env);
        assertThat(logs.lines()).noneMatch(l -> l.contains("Codex profiles from before V9"));
        assertThat(server.get("/v1/ai/account", inA).json().get("status").asText()).isEqualTo("connected");
    }

    /** The name since V9, computed independently: HMAC of the length-prefixed client id and sub. */
    private static String newName(String client, String sub) throws Exception {
        byte[] c = client.getBytes(StandardCharsets.UTF_8);
        byte[] u = sub.getBytes(StandardCharsets.UTF_8);
        return hmac(ByteBuffer.allocate(8 + c.length + u.length).putInt(c.length).put(c).putInt(u.length).put(u)
                .array());
    }

    private static String oldName(String sub) throws Exception {
        return hmac(sub.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message));
    }
}
