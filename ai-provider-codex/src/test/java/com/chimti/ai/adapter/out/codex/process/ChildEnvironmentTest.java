package com.chimti.ai.adapter.out.codex.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    @Test
    void onlyPassthroughNamesSurvive() {
        Map<String, String> server = Map.of(
                "AI_DB_PASSWORD", "db-secret",
                "AI_JWT_SECRET", "jwt-secret",
                "CODEX_PROFILE_SECRET", "hmac",
                "PATH", "/opt/evil:/usr/bin",
                "HOME", "/root",
                "LANG", "de_DE.UTF-8",
                "HTTPS_PROXY", "http://proxy:3128",
                "CODEX_APP_SERVER_LOGIN_ISSUER", "http://127.0.0.1:1");
        Map<String, String> env = new ChildEnvironment(server,
                List.of("HTTPS_PROXY", "CODEX_APP_SERVER_LOGIN_ISSUER", "NOT_SET", "CODEX_HOME"))
                .forProfile(Path.of("/data/profiles/codex/abc"));
        assertThat(env).containsOnlyKeys("PATH", "LANG", "HOME", "CODEX_HOME", "HTTPS_PROXY",
                "CODEX_APP_SERVER_LOGIN_ISSUER");
        assertThat(env).containsEntry("PATH", ChildEnvironment.MINIMAL_PATH)
                .containsEntry("LANG", "de_DE.UTF-8")
                .containsEntry("CODEX_HOME", "/data/profiles/codex/abc")
                .containsEntry("HOME", "/data/profiles/codex/abc");
        assertThat(env.values()).doesNotContain("db-secret", "jwt-secret", "hmac", "/root");
    }
}
