package com.chimti.ai.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.CodexSettings;
import com.chimti.ai.app.AppConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Codex settings come from the app's configuration, the one reader of the environment. */
class CodexModuleTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "AI_AUTH_JWT_SECRET", "0123456789abcdef0123456789abcdef-secret",
            "AI_PROFILE_HASH_SECRET", "top-secret-hmac-key",
            "AI_PROFILE_STORAGE_PATH", "/data/p",
            "CODEX_ENV_PASSTHROUGH", "HTTPS_PROXY, CODEX_APP_SERVER_LOGIN_ISSUER",
            "HTTPS_PROXY", "http://proxy:3128",
            "AI_DB_PASSWORD", "db-secret",
            "CODEX_MODEL_OPTIONS", "gpt-5,gpt-5-mini",
            "CODEX_DEFAULT_MODEL", "gpt-5-mini",
            "AI_LOGIN_EXPIRY_MS", "60000",
            "CODEX_EXEC_MODE", "exec");

    private static CodexSettings settings(Map<String, String> environment) {
        AppConfig config = AppConfig.fromEnvironment(environment);
        return new CodexModule(environment).codexSettings(config,
                new ServerSecrets(null, config.codex().profileHashSecret()));
    }

    @Test
    void readsTheEnvironmentAndNeverPrintsOrKeepsSecrets() {
        CodexSettings settings = settings(ENVIRONMENT);
        assertThat(settings.profileRoot()).isEqualTo(Path.of("/data/p"));
        assertThat(settings.envPassthrough()).containsExactly("HTTPS_PROXY", "CODEX_APP_SERVER_LOGIN_ISSUER");
        assertThat(settings.sourceEnvironment()).containsOnlyKeys("HTTPS_PROXY");
        assertThat(settings.modelOptions()).containsExactly("gpt-5", "gpt-5-mini");
        assertThat(settings.defaultModel()).isEqualTo("gpt-5-mini");
        assertThat(settings.loginExpiry()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.expectedVersion()).isEqualTo(CodexSettings.PINNED_VERSION);
        assertThat(settings.execMode()).isEqualTo(CodexSettings.ExecMode.EXEC);
        assertThat(settings.toString()).doesNotContain("top-secret-hmac-key").doesNotContain("db-secret");
    }

    @Test
    void theExecModeDefaultsToTheAppServer() {
        assertThat(settings(Map.of("AI_AUTH_JWT_SECRET", "0123456789abcdef0123456789abcdef-secret",
                "AI_PROFILE_HASH_SECRET", "k")).execMode()).isEqualTo(CodexSettings.ExecMode.APP_SERVER);
    }
}
