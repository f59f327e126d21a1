package com.chimti.ai.app;

/**
 * Every environment variable the server reads, the one list docs/configuration.md is checked against. The naming
 * scheme: {@code AI_} for what the server or every provider uses, {@code CODEX_} for what only the Codex provider
 * uses, {@code AI_STUB_} for the stub provider, and the OpenTelemetry SDK's own {@code OTEL_} variables (the whole
 * family is handed to the SDK, see {@link #TRACING_FAMILY}). A renamed variable keeps its old name in
 * {@link #replaces()}: still read for one release, with a warning (see {@link Env}).
 */
enum ConfigVariable {
    // HTTP
    AI_HTTP_HOST,
    AI_HTTP_PORT,
    AI_HTTP_MAX_BODY_BYTES,
    AI_HTTP_ACCEPT_QUEUE,
    AI_HTTP_CORS_ORIGINS,
    AI_CONSOLE_ENABLED,
    // data directory, dev mode, logs
    AI_DATA_DIR,
    AI_DEV_MODE,
    AI_LOG_FORMAT,
    // database
    AI_DB_URL,
    AI_DB_USER,
    AI_DB_PASSWORD,
    AI_DB_POOL_SIZE,
    // authentication
    AI_AUTH_JWT_SECRET,
    AI_AUTH_JWKS_URL,
    AI_AUTH_ISSUER,
    AI_AUTH_AUDIENCE,
    AI_AUTH_JWT_KID,
    // providers and turns, whichever provider runs them
    AI_PROVIDERS,
    AI_DEFAULT_PROVIDER,
    AI_TURN_TIMEOUT_MS("CODEX_EXEC_TIMEOUT_MS"),
    AI_MESSAGE_MAX_CHARS("CHAT_MAX_INPUT_CHARS"),
    AI_HISTORY_MESSAGES,
    AI_BUSINESS_CONTEXT_MAX_CHARS("AI_CONTEXT_MAX_CHARS"),
    AI_BUSINESS_CONTEXT_NAMES_FILE("AI_CONTEXT_NAMES_FILE"),
    // host extensions: actions, context sources and their tables, from jars
    AI_EXTENSIONS_DIR,
    AI_LOGIN_EXPIRY_MS("CODEX_LOGIN_EXPIRY_MS"),
    AI_STUB_DELTA_DELAY_MS("STUB_DELTA_DELAY_MS"),
    // per-user provider profiles and workspaces
    AI_PROFILE_STORAGE_PATH,
    AI_WORKSPACE_STORAGE_PATH,
    AI_PROFILE_HASH_SECRET,
    // the Codex provider alone
    CODEX_EXEC_MODE,
    CODEX_CLI_BIN,
    CODEX_DEFAULT_MODEL,
    CODEX_MODEL_OPTIONS,
    CODEX_CONFIG_FILE,
    CODEX_CLI_VERSION_CHECK,
    CODEX_CONFINEMENT,
    CODEX_ENV_PASSTHROUGH,
    CODEX_IDLE_TIMEOUT_MS,
    CODEX_REQUEST_TIMEOUT_MS,
    CODEX_MAX_PROCESSES,
    CODEX_PROCESS_QUEUE_LENGTH,
    // one-shot calls (POST /chat)
    AI_ONE_SHOT_STREAM_ENABLED("STREAM_ENABLED"),
    AI_ONE_SHOT_CONTEXT_MAX_CHARS("CHAT_MAX_CTX_CHARS"),
    AI_SKILLS_FILE,
    // SSE streams
    AI_SSE_HEARTBEAT_MS,
    AI_SSE_DISCONNECT_GRACE_MS,
    // prepaid credits
    AI_CREDITS_PER_1K_INPUT,
    AI_CREDITS_PER_1K_OUTPUT,
    AI_CREDITS_BASE_PER_CALL,
    AI_MAX_OUTPUT_TOKENS_PER_TURN,
    AI_INPUT_TOKEN_OVERHEAD,
    // abuse controls
    AI_RATE_USER_RPM,
    AI_RATE_BRAND_RPM,
    AI_RATE_USER_TOKENS_PER_DAY,
    AI_RATE_BRAND_TOKENS_PER_DAY,
    AI_MAX_TURNS_PER_USER,
    AI_MAX_CONCURRENT_TURNS,
    AI_TURN_QUEUE_WAIT_MS("CODEX_PROCESS_QUEUE_WAIT_MS"),
    AI_AUTH_FAILURES_PER_MINUTE,
    // artifacts
    AI_ARTIFACT_STORAGE_PATH,
    AI_ARTIFACT_MAX_BYTES,
    AI_ARTIFACT_MIME_TYPES,
    AI_ARTIFACT_RETENTION_DAYS,
    // shutdown
    AI_SHUTDOWN_GRACE_SECONDS,
    // tracing: the two that turn it on; the SDK reads the rest of the family
    OTEL_TRACES_EXPORTER,
    OTEL_SDK_DISABLED;

    /** Every {@code OTEL_*} variable is handed to the OpenTelemetry SDK as given. */
    static final String TRACING_FAMILY = "OTEL_";

    private final String replaces;

    ConfigVariable() {
        this(null);
    }

    ConfigVariable(String replaces) {
        this.replaces = replaces;
    }

    /** The old name this variable replaces, still read for one release; null when it was never renamed. */
    String replaces() {
        return replaces;
    }
}
