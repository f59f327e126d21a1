package com.chimti.ai.app;

import static com.chimti.ai.app.ConfigVariable.*;

import com.chimti.ai.adapter.out.codex.CodexSettings;
import com.chimti.ai.adapter.out.codex.process.Confinement;
import com.chimti.ai.adapter.out.codex.process.ProcessLimits;
import com.chimti.ai.adapter.out.codex.profile.CodexProfiles;
import com.chimti.ai.app.logging.LogFormat;
import com.chimti.ai.core.domain.artifact.ArtifactLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the server reads from its environment (the variables of {@link ConfigVariable}, through {@link Env}),
 * read once and checked at startup so a bad value stops the server with a clear message instead of failing later.
 * Secrets are never part of {@link #toString()}.
 */
public record AppConfig(
        String httpHost,
        int httpPort,
        long maxBodyBytes,
        int httpAcceptQueue,
        Path dataDir,
        boolean devMode,
        Database database,
        Auth auth,
        List<String> providers,
        String defaultProvider,
        Turns turns,
        Codex codex,
        Stub stub,
        OneShot oneShot,
        Streams streams,
        Credits credits,
        Limits limits,
        Path contextNamesFile,
        Artifacts artifacts,
        Duration shutdownGrace,
        Telemetry telemetry,
        Processes processes,
        Front front,
        Path extensionsDir) {

    public static final List<String> KNOWN_PROVIDERS = List.of("codex", "openai-stub");

    public record Database(String url, String user, String password, int maxPoolSize) {
        @Override
        public String toString() {
            return "Database[url=" + (url == null ? "embedded" : url) + ", user=" + user + ", password=***"
                    + ", maxPoolSize=" + maxPoolSize + "]";
        }
    }

    /** {@code jwtSecret} null with no JWKS means dev mode makes one under the data dir. */
    public record Auth(String jwtSecret, URI jwksUrl, String issuer, String audience, String keyId) {
        @Override
        public String toString() {
            return "Auth[jwtSecret=" + (jwtSecret == null ? "none" : "***") + ", jwksUrl=" + jwksUrl
                    + ", issuer=" + issuer + ", audience=" + audience + ", keyId=" + keyId + "]";
        }
    }

    public record Turns(int maxInputChars, int contextMaxChars, int historyMessages, Duration timeout) {
    }

    /** The Codex provider's settings; {@code loginExpiry} (AI_LOGIN_EXPIRY_MS) serves every provider's logins. */
    public record Codex(String cliBin, String defaultModel, List<String> modelOptions, Path profileRoot,
                        Path workspaceRoot, Path configFile, List<String> envPassthrough, String profileHashSecret,
                        Duration loginExpiry, Duration idleTimeout, Duration requestTimeout, String execMode,
                        Confinement.Mode confinement, CodexSettings.VersionCheck versionCheck) {
        @Override
        public String toString() {
            return "Codex[cliBin=" + cliBin + ", defaultModel=" + defaultModel + ", modelOptions=" + modelOptions
                    + ", profileRoot=" + profileRoot + ", workspaceRoot=" + workspaceRoot + ", configFile="
                    + configFile + ", envPassthrough=" + envPassthrough + ", execMode=" + execMode + ", confinement="
                    + confinement + ", versionCheck=" + versionCheck + ", profileHashSecret="
                    + (profileHashSecret == null ? "none" : "***") + "]";
        }
    }

    public record Stub(Duration deltaDelay) {
    }

    /**
     * The global cap on live Codex CLI processes (warm app-servers, idle ones too, and exec processes) and the
     * short FIFO queue in front of it: past the queue's length or wait, a turn gets 429 with Retry-After.
     */
    public record Processes(int maxProcesses, int queueLength, Duration queueWait) {
    }

    /** The {@code /chat} endpoint: streaming on or off, the context cap, the skills allowlist file. */
    public record OneShot(boolean streamEnabled, int maxContextChars, Path skillsFile) {
    }

    /**
     * SSE timing: the keep-alive comment interval (also how soon a vanished client is noticed, since only a
     * write finds a closed connection) and how long a running turn waits for its client to come back before
     * it is cancelled.
     */
    public record Streams(Duration heartbeat, Duration disconnectGrace) {
    }

    /**
     * Abuse controls: requests per minute and tokens per day per user and per brand (0 turns one off, token
     * buckets shared through PostgreSQL), concurrent turns per user, the global cap on concurrent turns with how
     * long an excess turn may wait for a slot before it gets 429, and the failed token checks per client address
     * and minute before that address gets 429 for a minute (0 = off; per instance).
     */
    public record Limits(long userRequestsPerMinute, long brandRequestsPerMinute, long userTokensPerDay,
                         long brandTokensPerDay, int maxTurnsPerUser, int maxConcurrentTurns, Duration queueWait,
                         int authFailuresPerMinute) {
    }

    /** Failed token checks one client address may have per minute before it gets 429 for a minute. */
    public static final int DEFAULT_AUTH_FAILURES_PER_MINUTE = 20;

    /**
     * OpenTelemetry tracing: the standard {@code OTEL_*} variables as given, read by the SDK's autoconfigure.
     * Off unless {@code OTEL_SDK_DISABLED=false} or {@code OTEL_TRACES_EXPORTER} names an exporter other than
     * {@code none}, so a server never starts exporting (or trying to reach a collector) by accident.
     */
    public record Telemetry(Map<String, String> otel) {
        public Telemetry {
            otel = Map.copyOf(otel);
        }

        public boolean enabled() {
            String disabled = otel.get(ConfigVariable.OTEL_SDK_DISABLED.name());
            if (disabled != null && !disabled.isBlank()) {
                return !Boolean.parseBoolean(disabled.strip());
            }
            String exporter = otel.get(ConfigVariable.OTEL_TRACES_EXPORTER.name());
            return exporter != null && !exporter.isBlank() && !exporter.strip().equals("none");
        }

        /** Header values may carry collector credentials ({@code OTEL_EXPORTER_OTLP_HEADERS}). */
        @Override
        public String toString() {
            return "Telemetry[enabled=" + enabled() + ", variables=" + new java.util.TreeSet<>(otel.keySet()) + "]";
        }
    }

    /**
     * What browsers get besides the API: the reference console at {@code /console} (on in dev mode, else off unless
     * AI_CONSOLE_ENABLED) and the origins whose pages may call the API cross-origin (none by default). The web
     * edge checks that each origin is exact when the server starts (see {@code WebModule.frontSettings}); a host
     * that embeds the core without it never reads them.
     */
    public record Front(boolean consoleEnabled, List<String> corsOrigins) {
        public Front {
            corsOrigins = List.copyOf(corsOrigins);
        }
    }

    /**
     * Files actions write: where their bytes go, the largest allowed, the allowed content types, and how many days
     * they are kept (0: forever).
     */
    public record Artifacts(Path storagePath, long maxBytes, List<String> mimeTypes, int retentionDays) {
        /** The older files go, with their records, this long after they were written; empty: kept forever. */
        public java.util.Optional<Duration> retention() {
            return retentionDays == 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(Duration.ofDays(retentionDays));
        }
    }

    /**
     * Prepaid pricing: credits per 1,000 input and output tokens and per call, the most output a turn may be
     * charged for, and the input tokens the provider adds to what the server sends (Codex's own instructions).
     */
    public record Credits(long per1kInput, long per1kOutput, long basePerCall, long maxOutputTokensPerTurn,
                          long inputTokenOverhead) {
    }

    public static AppConfig fromEnvironment(Map<String, String> environment) {
        return read(environment, true);
    }

    /**
     * The same variables for a host service that embeds the core without this server's HTTP edge (see
     * {@link EmbeddedAi}): the host authenticates its callers itself, so no token setting is required.
     */
    public static AppConfig forEmbedding(Map<String, String> environment) {
        return read(environment, false);
    }

    /**
     * The server process's environment. The server reads it here only: {@link Main} hands it on, and the log
     * encoder takes {@link #logFormat} from it before anything else is configured.
     */
    public static Map<String, String> processEnvironment() {
        return System.getenv();
    }

    /**
     * How log lines are written: AI_LOG_FORMAT, or without it text when AI_DEV_MODE is true and JSON otherwise. A
     * value other than json or text is a {@link ConfigException}.
     */
    public static LogFormat logFormat(Map<String, String> environment) {
        Env env = new Env(environment);
        String format = env.optional(AI_LOG_FORMAT);
        if (format == null) {
            return env.bool(AI_DEV_MODE, false) ? LogFormat.TEXT : LogFormat.JSON;
        }
        try {
            return LogFormat.parse(format);
        } catch (IllegalArgumentException unknown) {
            throw new ConfigException(AI_LOG_FORMAT + " must be json or text");
        }
    }

    private static AppConfig read(Map<String, String> environment, boolean verifiesTokens) {
        Env env = new Env(environment);
        Path dataDir = env.path(AI_DATA_DIR, Path.of("data")).toAbsolutePath().normalize();
        boolean devMode = env.bool(AI_DEV_MODE, false);
        logFormat(environment); // read by the log encoder itself; checked here so a typo stops the start

        Auth auth = new Auth(env.optional(AI_AUTH_JWT_SECRET), env.httpUrl(AI_AUTH_JWKS_URL),
                env.optional(AI_AUTH_ISSUER), env.optional(AI_AUTH_AUDIENCE), env.optional(AI_AUTH_JWT_KID));
        if (auth.jwtSecret() != null && auth.jwtSecret().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < 32) {
            throw new ConfigException(AI_AUTH_JWT_SECRET + " must be at least 32 bytes long");
        }
        if (verifiesTokens && auth.jwtSecret() == null && auth.jwksUrl() == null && !devMode) {
            throw new ConfigException("set " + AI_AUTH_JWT_SECRET + " or " + AI_AUTH_JWKS_URL + " (or " + AI_DEV_MODE
                    + "=true for a development secret)");
        }

        List<String> providers = env.list(AI_PROVIDERS, "codex,openai-stub");
        for (String provider : providers) {
            if (!KNOWN_PROVIDERS.contains(provider)) {
                throw new ConfigException(AI_PROVIDERS + " names an unknown provider: " + provider
                        + " (known: " + String.join(", ", KNOWN_PROVIDERS) + ")");
            }
        }
        if (providers.isEmpty()) {
            throw new ConfigException(AI_PROVIDERS + " must name at least one provider");
        }
        String defaultProvider = env.string(AI_DEFAULT_PROVIDER,
                providers.contains("openai-stub") ? "openai-stub" : providers.get(0));
        if (!providers.contains(defaultProvider)) {
            throw new ConfigException(AI_DEFAULT_PROVIDER + " must be one of " + AI_PROVIDERS);
        }

        Turns turns = new Turns(
                env.integer(AI_MESSAGE_MAX_CHARS, 8000, 100, 1_000_000),
                env.integer(AI_BUSINESS_CONTEXT_MAX_CHARS, 4000, 500, 200_000),
                env.integer(AI_HISTORY_MESSAGES, 20, 0, 500),
                env.millis(AI_TURN_TIMEOUT_MS, 120_000, 1_000, 3_600_000));

        Codex codex = new Codex(
                env.optional(CODEX_CLI_BIN),
                env.string(CODEX_DEFAULT_MODEL, "gpt-5"),
                env.list(CODEX_MODEL_OPTIONS, "gpt-5,gpt-5-mini"),
                env.path(AI_PROFILE_STORAGE_PATH, dataDir.resolve("ai-profiles")).toAbsolutePath(),
                env.path(AI_WORKSPACE_STORAGE_PATH, dataDir.resolve("ai-workspaces")).toAbsolutePath(),
                env.path(CODEX_CONFIG_FILE, null),
                env.list(CODEX_ENV_PASSTHROUGH, null),
                env.optional(AI_PROFILE_HASH_SECRET),
                env.millis(AI_LOGIN_EXPIRY_MS, 900_000, 5_000, 3_600_000),
                env.millis(CODEX_IDLE_TIMEOUT_MS, 600_000, 1_000, 86_400_000),
                env.millis(CODEX_REQUEST_TIMEOUT_MS, 30_000, 1_000, 600_000),
                env.string(CODEX_EXEC_MODE, "app-server"),
                confinementMode(env.string(CODEX_CONFINEMENT, "auto")),
                versionCheck(env.string(CODEX_CLI_VERSION_CHECK, "exact")));
        if (!List.of("app-server", "exec").contains(codex.execMode())) {
            throw new ConfigException(CODEX_EXEC_MODE + " must be app-server or exec");
        }
        Path codexConfig = env.readableFile(CODEX_CONFIG_FILE);
        if (codexConfig != null) {
            try {
                CodexProfiles.checkOperatorFile(codexConfig);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(e.getMessage());
            }
        }
        if (codex.modelOptions().isEmpty()) {
            throw new ConfigException(CODEX_MODEL_OPTIONS + " must name at least one model");
        }

        // one wait for every admission queue: a turn slot, and a provider's own slot (a Codex process)
        Duration queueWait = env.millis(AI_TURN_QUEUE_WAIT_MS, 2_000, 0, 30_000);
        return new AppConfig(
                env.string(AI_HTTP_HOST, "0.0.0.0"),
                env.integer(AI_HTTP_PORT, 8080, 0, 65_535),
                env.longValue(AI_HTTP_MAX_BODY_BYTES, 1_048_576, 1_024, 64L * 1_048_576),
                env.integer(AI_HTTP_ACCEPT_QUEUE, 1_024, 1, 65_535), // Java's default backlog, 50, drops bursts
                dataDir,
                devMode,
                new Database(env.optional(AI_DB_URL), env.string(AI_DB_USER, "postgres"),
                        env.optional(AI_DB_PASSWORD), env.integer(AI_DB_POOL_SIZE, 10, 1, 200)),
                auth,
                providers,
                defaultProvider,
                turns,
                codex,
                new Stub(env.millis(AI_STUB_DELTA_DELAY_MS, 20, 0, 10_000)),
                new OneShot(env.bool(AI_ONE_SHOT_STREAM_ENABLED, true),
                        env.integer(AI_ONE_SHOT_CONTEXT_MAX_CHARS, 200_000, 100, 10_000_000),
                        env.readableFile(AI_SKILLS_FILE)),
                new Streams(env.millis(AI_SSE_HEARTBEAT_MS, 15_000, 100, 15_000),
                        env.millis(AI_SSE_DISCONNECT_GRACE_MS, 10_000, 0, 600_000)),
                new Credits(env.longValue(AI_CREDITS_PER_1K_INPUT, 1, 1, 1_000_000),
                        env.longValue(AI_CREDITS_PER_1K_OUTPUT, 4, 1, 1_000_000),
                        env.longValue(AI_CREDITS_BASE_PER_CALL, 1, 1, 1_000_000),
                        env.longValue(AI_MAX_OUTPUT_TOKENS_PER_TURN, 4_000, 1, 1_000_000),
                        env.longValue(AI_INPUT_TOKEN_OVERHEAD, 0, 0, 1_000_000)),
                new Limits(env.longValue(AI_RATE_USER_RPM, 20, 0, 1_000_000),
                        env.longValue(AI_RATE_BRAND_RPM, 120, 0, 10_000_000),
                        env.longValue(AI_RATE_USER_TOKENS_PER_DAY, 2_000_000, 0, Long.MAX_VALUE),
                        env.longValue(AI_RATE_BRAND_TOKENS_PER_DAY, 0, 0, Long.MAX_VALUE),
                        env.integer(AI_MAX_TURNS_PER_USER, 1, 1, 64),
                        env.integer(AI_MAX_CONCURRENT_TURNS,
                                ProcessLimits.defaultMaxProcesses(ProcessLimits.memoryBytes()), 1, 4096),
                        queueWait,
                        env.integer(AI_AUTH_FAILURES_PER_MINUTE, DEFAULT_AUTH_FAILURES_PER_MINUTE, 0, 1_000_000)),
                env.readableFile(AI_BUSINESS_CONTEXT_NAMES_FILE),
                artifacts(env, dataDir),
                Duration.ofSeconds(env.longValue(AI_SHUTDOWN_GRACE_SECONDS, 25, 0, 3_600)),
                telemetry(env),
                new Processes(
                        env.integer(CODEX_MAX_PROCESSES,
                                ProcessLimits.defaultMaxProcesses(
                                        ProcessLimits.memoryBytes()), 1, 4096),
                        env.integer(CODEX_PROCESS_QUEUE_LENGTH, 16, 0, 10_000),
                        queueWait),
                front(env, devMode),
                extensionsDir(env));
    }

    /** The folder of extension jars (checked when they are loaded, see {@code ExtensionsFolder}); null: none. */
    private static Path extensionsDir(Env env) {
        Path dir = env.path(AI_EXTENSIONS_DIR, null);
        return dir == null ? null : dir.toAbsolutePath().normalize();
    }

    private static Front front(Env env, boolean devMode) {
        return new Front(env.bool(AI_CONSOLE_ENABLED, devMode), env.list(AI_HTTP_CORS_ORIGINS, null));
    }

    private static Telemetry telemetry(Env env) {
        Map<String, String> otel = env.family(ConfigVariable.TRACING_FAMILY);
        String disabled = otel.get(OTEL_SDK_DISABLED.name());
        if (disabled != null && !disabled.isBlank()
                && !List.of("true", "false").contains(disabled.strip().toLowerCase(java.util.Locale.ROOT))) {
            throw new ConfigException(OTEL_SDK_DISABLED + " must be true or false");
        }
        return new Telemetry(otel);
    }

    private static Artifacts artifacts(Env env, Path dataDir) {
        List<String> mimeTypes = env.list(AI_ARTIFACT_MIME_TYPES,
                String.join(",", ArtifactLimits.DEFAULT_MIME_TYPES));
        for (String type : mimeTypes) {
            if (!ArtifactLimits.isMimeType(type)) {
                throw new ConfigException(AI_ARTIFACT_MIME_TYPES + " must list bare lower-case content types like "
                        + "text/plain (not: " + type + ")");
            }
        }
        if (mimeTypes.isEmpty()) {
            throw new ConfigException(AI_ARTIFACT_MIME_TYPES + " must name at least one content type");
        }
        return new Artifacts(env.path(AI_ARTIFACT_STORAGE_PATH, dataDir.resolve("artifacts")).toAbsolutePath()
                .normalize(), env.longValue(AI_ARTIFACT_MAX_BYTES, ArtifactLimits.DEFAULT_MAX_BYTES, 1,
                64L * 1024 * 1024), mimeTypes, env.integer(AI_ARTIFACT_RETENTION_DAYS, 0, 0, 36_500));
    }

    private static CodexSettings.VersionCheck versionCheck(String value) {
        try {
            return CodexSettings.VersionCheck.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static Confinement.Mode confinementMode(String value) {
        try {
            return Confinement.Mode.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
