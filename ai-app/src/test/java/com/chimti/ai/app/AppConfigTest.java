package com.chimti.ai.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.codex.process.Confinement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef-secret";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("AI_AUTH_JWT_SECRET", SECRET);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsMakeAWorkingServer() {
        AppConfig config = AppConfig.fromEnvironment(env());

        assertThat(config.httpPort()).isEqualTo(8080);
        assertThat(config.maxBodyBytes()).isEqualTo(1_048_576);
        assertThat(config.httpAcceptQueue()).isEqualTo(1024);
        assertThat(config.database().url()).isNull();
        assertThat(config.providers()).containsExactly("codex", "openai-stub");
        assertThat(config.defaultProvider()).isEqualTo("openai-stub");
        assertThat(config.turns().timeout()).isEqualTo(Duration.ofMillis(120_000));
        assertThat(config.codex().modelOptions()).containsExactly("gpt-5", "gpt-5-mini");
        assertThat(config.codex().profileRoot()).isEqualTo(config.dataDir().resolve("ai-profiles"));
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(25));
        assertThat(config.telemetry().enabled()).as("no traces unless OTEL_* asks").isFalse();
    }

    @Test
    void theAcceptQueueIsReadAndCheckedWithoutEchoingTheValue() {
        assertThat(AppConfig.fromEnvironment(env("AI_HTTP_ACCEPT_QUEUE", "4096")).httpAcceptQueue()).isEqualTo(4096);
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_HTTP_ACCEPT_QUEUE", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_HTTP_ACCEPT_QUEUE");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_HTTP_ACCEPT_QUEUE", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_HTTP_ACCEPT_QUEUE");
    }

    @Test
    void codexConfinementIsAutoByDefaultAndOnlyTheThreeModesAreAccepted() {
        assertThat(AppConfig.fromEnvironment(env()).codex().confinement()).isEqualTo(Confinement.Mode.AUTO);
        assertThat(AppConfig.fromEnvironment(env("CODEX_CONFINEMENT", "Required")).codex().confinement())
                .isEqualTo(Confinement.Mode.REQUIRED);
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("CODEX_CONFINEMENT", "sometimes")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CODEX_CONFINEMENT")
                .hasMessageNotContaining("sometimes");
    }

    @Test
    void anOperatorCodexFileThatTurnsACliToolBackOnStopsStartupNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("codex.toml"),
                "model_provider = \"gw\"\n[profiles.wide.features]\nshell_tool = true\n");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("CODEX_CONFIG_FILE", file.toString())))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CODEX_CONFIG_FILE sets profiles.wide.features");
        Files.writeString(file, "model_provider = \"gw\"\n[model_providers.gw]\nname = \"gw\"\n");
        assertThat(AppConfig.fromEnvironment(env("CODEX_CONFIG_FILE", file.toString())).codex().configFile())
                .isEqualTo(file);
    }

    @Test
    void theShutdownGraceIsWholeSecondsUpToAnHour() {
        assertThat(AppConfig.fromEnvironment(env("AI_SHUTDOWN_GRACE_SECONDS", "0")).shutdownGrace()).isZero();
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_SHUTDOWN_GRACE_SECONDS", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_SHUTDOWN_GRACE_SECONDS");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_SHUTDOWN_GRACE_SECONDS", "3601")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_SHUTDOWN_GRACE_SECONDS");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_SHUTDOWN_GRACE_SECONDS", "2.5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_SHUTDOWN_GRACE_SECONDS");
    }

    @Test
    void authenticationFailuresPerAddressDefaultToTwentyAMinuteAndZeroTurnsTheThrottleOff() {
        assertThat(AppConfig.fromEnvironment(env()).limits().authFailuresPerMinute()).isEqualTo(20);
        assertThat(AppConfig.fromEnvironment(env("AI_AUTH_FAILURES_PER_MINUTE", "0")).limits()
                .authFailuresPerMinute()).isZero();
        assertThat(AppConfig.fromEnvironment(env("AI_AUTH_FAILURES_PER_MINUTE", "5")).limits()
                .authFailuresPerMinute()).isEqualTo(5);
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_AUTH_FAILURES_PER_MINUTE", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_AUTH_FAILURES_PER_MINUTE");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_AUTH_FAILURES_PER_MINUTE", "many")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_AUTH_FAILURES_PER_MINUTE");
    }

    @Test
    void artifactsDefaultUnderTheDataDirWithFiveMebibytesAndTheUsualTypes() {
        AppConfig.Artifacts artifacts = AppConfig.fromEnvironment(env("AI_DATA_DIR", "/srv/ai")).artifacts();
        assertThat(artifacts.storagePath()).isEqualTo(java.nio.file.Path.of("/srv/ai/artifacts"));
        assertThat(artifacts.maxBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(artifacts.mimeTypes()).containsExactly("text/plain", "text/markdown", "text/csv",
                "application/json", "application/pdf", "image/png");

        AppConfig.Artifacts custom = AppConfig.fromEnvironment(env("AI_ARTIFACT_STORAGE_PATH", "/files/../files2",
                "AI_ARTIFACT_MAX_BYTES", "1024", "AI_ARTIFACT_MIME_TYPES", "text/plain, application/json"))
                .artifacts();
        assertThat(custom.storagePath()).isEqualTo(java.nio.file.Path.of("/files2"));
        assertThat(custom.maxBytes()).isEqualTo(1024);
        assertThat(custom.mimeTypes()).containsExactly("text/plain", "application/json");
    }

    @Test
    void badArtifactSettingsStopStartup() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_ARTIFACT_MAX_BYTES", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_ARTIFACT_MAX_BYTES");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_ARTIFACT_MAX_BYTES", "67108865")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_ARTIFACT_MAX_BYTES");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_ARTIFACT_MIME_TYPES", "text/html;charset=x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_ARTIFACT_MIME_TYPES");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_ARTIFACT_MIME_TYPES", "Text/Plain")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_ARTIFACT_MIME_TYPES");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_ARTIFACT_MIME_TYPES", " , ")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_ARTIFACT_MIME_TYPES");
    }

    @Test
    void badValuesStopStartupNamingTheVariable() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_HTTP_PORT");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_HTTP_PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_HTTP_PORT");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_PROVIDERS", "codex,gemini")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gemini");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_PROVIDERS", "codex",
                "AI_DEFAULT_PROVIDER", "openai-stub")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_DEFAULT_PROVIDER");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("CODEX_EXEC_MODE", "shell")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CODEX_EXEC_MODE");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_DEV_MODE", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_DEV_MODE");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("CODEX_CONFIG_FILE", "/no/such/file.toml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("CODEX_CONFIG_FILE");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("AI_LOG_FORMAT", "logfmt")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_LOG_FORMAT");
    }

    @Test
    void theProcessCapDefaultsFromMemoryAndIsValidated() {
        AppConfig defaults = AppConfig.fromEnvironment(env());
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        assertThat(defaults.processes().maxProcesses())
                .isEqualTo(Math.max(1, (int) Math.min(4096, (memory - (1L << 30)) / (150L << 20))));
        assertThat(defaults.processes().queueLength()).isEqualTo(16);
        assertThat(defaults.processes().queueWait()).isEqualTo(Duration.ofSeconds(2));

        AppConfig set = AppConfig.fromEnvironment(env("CODEX_MAX_PROCESSES", "3", "CODEX_PROCESS_QUEUE_LENGTH", "0",
                "AI_TURN_QUEUE_WAIT_MS", "500"));
        assertThat(set.processes()).isEqualTo(new AppConfig.Processes(3, 0, Duration.ofMillis(500)));
        // one wait for both queues; the Codex-only name is the old name of the shared one
        assertThat(set.limits().queueWait()).isEqualTo(Duration.ofMillis(500));
        assertThat(AppConfig.fromEnvironment(env("CODEX_PROCESS_QUEUE_WAIT_MS", "700")).limits().queueWait())
                .isEqualTo(Duration.ofMillis(700));

        for (String[] bad : new String[][] {{"CODEX_MAX_PROCESSES", "0"}, {"CODEX_MAX_PROCESSES", "many"},
                {"CODEX_PROCESS_QUEUE_LENGTH", "-1"}, {"CODEX_PROCESS_QUEUE_WAIT_MS", "60000"}}) {
            assertThatThrownBy(() -> AppConfig.fromEnvironment(env(bad[0], bad[1])))
                    .isInstanceOf(ConfigException.class).hasMessageContaining(bad[0]);
        }
    }

    @Test
    void aServerNeedsAWayToVerifyTokensUnlessInDevMode() {
        Map<String, String> none = new HashMap<>();
        assertThatThrownBy(() -> AppConfig.fromEnvironment(none))
                .isInstanceOf(ConfigException.class).hasMessageContaining("AI_AUTH_JWT_SECRET");
        none.put("AI_DEV_MODE", "true");
        assertThat(AppConfig.fromEnvironment(none).auth().jwtSecret()).isNull();
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("AI_AUTH_JWT_SECRET", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void anEmbeddingHostNeedsNoTokenSettingsButTheRestIsCheckedAlike() {
        assertThat(AppConfig.forEmbedding(Map.of()).auth().jwtSecret()).isNull();
        assertThatThrownBy(() -> AppConfig.forEmbedding(Map.of("AI_PROVIDERS", "gemini")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("gemini");
        assertThatThrownBy(() -> AppConfig.forEmbedding(Map.of("AI_AUTH_JWT_SECRET", "short")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("32 bytes");
    }

    @Test
    void secretsNeverAppearInTheConfigsText() {
        AppConfig config = AppConfig.fromEnvironment(env("AI_DB_PASSWORD", "db-pass-123",
                "AI_PROFILE_HASH_SECRET", "hash-key-456"));
        assertThat(config.toString()).doesNotContain(SECRET, "db-pass-123", "hash-key-456");
    }

    @Test
    void anOldNameStillWorksForOneReleaseAndWarnsOnceNamingTheNewVariableButNotTheValue(@TempDir Path dir)
            throws Exception {
        try (Warnings warnings = Warnings.of(Env.class)) {
            AppConfig config = AppConfig.fromEnvironment(env("CODEX_EXEC_TIMEOUT_MS", "4321"));
            assertThat(config.turns().timeout()).isEqualTo(Duration.ofMillis(4321));
            assertThat(warnings.lines()).containsExactly(
                    "CODEX_EXEC_TIMEOUT_MS is deprecated: rename it AI_TURN_TIMEOUT_MS (the old name is read in this"
                            + " release only)");
        }
        try (Warnings warnings = Warnings.of(Env.class)) {
            AppConfig config = AppConfig.fromEnvironment(env("CODEX_EXEC_TIMEOUT_MS", "4321",
                    "AI_TURN_TIMEOUT_MS", "5000"));
            assertThat(config.turns().timeout()).as("the new name wins").isEqualTo(Duration.ofMillis(5000));
            assertThat(warnings.lines()).containsExactly(
                    "CODEX_EXEC_TIMEOUT_MS is deprecated and ignored: AI_TURN_TIMEOUT_MS is set too and wins");
        }
        assertThatThrownBy(() -> AppConfig.fromEnvironment(env("STREAM_ENABLED", "maybe")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("STREAM_ENABLED must be true or false");

        Path names = Files.writeString(dir.resolve("names.json"), "{}");
        AppConfig old = AppConfig.fromEnvironment(env("CHAT_MAX_INPUT_CHARS", "900", "AI_CONTEXT_MAX_CHARS", "600",
                "AI_CONTEXT_NAMES_FILE", names.toString(), "CODEX_LOGIN_EXPIRY_MS", "60000",
                "STUB_DELTA_DELAY_MS", "0", "STREAM_ENABLED", "false", "CHAT_MAX_CTX_CHARS", "700"));
        assertThat(old.turns().maxInputChars()).isEqualTo(900);
        assertThat(old.turns().contextMaxChars()).isEqualTo(600);
        assertThat(old.contextNamesFile()).isEqualTo(names);
        assertThat(old.codex().loginExpiry()).isEqualTo(Duration.ofMinutes(1));
        assertThat(old.stub().deltaDelay()).isZero();
        assertThat(old.oneShot().streamEnabled()).isFalse();
        assertThat(old.oneShot().maxContextChars()).isEqualTo(700);
    }

    /** The warnings one logger writes while open. */
    private static final class Warnings implements AutoCloseable {
        private final ch.qos.logback.classic.Logger logger;
        private final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
                new ch.qos.logback.core.read.ListAppender<>();

        private Warnings(Class<?> type) {
            logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(type);
            appender.start();
            logger.addAppender(appender);
        }

        static Warnings of(Class<?> type) {
            return new Warnings(type);
        }

        java.util.List<String> lines() {
            return appender.list.stream().filter(e -> e.getLevel() == ch.qos.logback.classic.Level.WARN)
                    .map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).toList();
        }

        @Override
        public void close() {
            logger.detachAppender(appender);
        }
    }
}
