package com.chimti.ai.adapter.out.codex;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings keep nothing of the server's environment but the passthrough names (reading it is AppConfig's). */
class CodexSettingsTest {

    @Test
    void keepsOnlyThePassthroughVariablesAndNeverPrintsSecrets() {
        CodexSettings settings = new CodexSettings(null, null, Path.of("/data/p"), Path.of("/data/w"),
                new Secret("top-secret-hmac-key"), null, List.of("HTTPS_PROXY", "CODEX_APP_SERVER_LOGIN_ISSUER"),
                Map.of("HTTPS_PROXY", "http://proxy:3128", "AI_DB_PASSWORD", "db-secret"), " gpt-5-mini ",
                List.of("gpt-5", "gpt-5-mini"), null, Duration.ofSeconds(60), null, CodexSettings.ExecMode.EXEC,
                null, null);
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
    void theExecModeDefaultsToTheAppServerAndRejectsUnknownValues() {
        assertThat(CodexSettings.of(Path.of("/data/p"), Path.of("/data/w"), new Secret("k")).execMode())
                .isEqualTo(CodexSettings.ExecMode.APP_SERVER);
        assertThat(CodexSettings.ExecMode.parse(" App-Server ")).isEqualTo(CodexSettings.ExecMode.APP_SERVER);
        assertThat(CodexSettings.ExecMode.parse("EXEC")).isEqualTo(CodexSettings.ExecMode.EXEC);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CodexSettings.ExecMode.parse("shell"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
