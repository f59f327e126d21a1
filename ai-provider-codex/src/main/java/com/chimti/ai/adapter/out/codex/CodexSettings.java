package com.chimti.ai.adapter.out.codex;

import com.chimti.ai.adapter.out.codex.process.Confinement;
import com.chimti.ai.adapter.out.codex.profile.CodexCliPin;
import com.chimti.ai.core.domain.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the Codex provider runs the CLI. It reads no environment: the app's configuration ({@code AppConfig}) reads
 * the variables named below and builds it; an embedder builds it from its own configuration.
 *
 * @param cliBin            the native {@code codex} binary; null = the pinned one installed under
 *                          {@code ai-provider-codex/cli/node_modules} (env {@code CODEX_CLI_BIN})
 * @param expectedVersion   the pinned CLI version ({@link #PINNED_VERSION}, from {@code cli/package.json})
 * @param profileRoot       per-user CODEX_HOME folders live in {@code <profileRoot>/codex/<hmac>/}
 *                          (env {@code AI_PROFILE_STORAGE_PATH})
 * @param workspaceRoot     per-user working folders live in {@code <workspaceRoot>/codex/<hmac>/}
 *                          (env {@code AI_WORKSPACE_STORAGE_PATH})
 * @param profileHashSecret key of the HMAC-SHA256 that turns a user id into a folder name
 *                          (env {@code AI_PROFILE_HASH_SECRET}); never printed
 * @param configFile        an operator TOML file appended to every profile's config.toml, or null
 *                          (env {@code CODEX_CONFIG_FILE})
 * @param envPassthrough    names of variables copied from {@code sourceEnvironment} into the CLI's environment
 *                          (env {@code CODEX_ENV_PASSTHROUGH}, comma separated)
 * @param sourceEnvironment the server environment the passthrough names are read from (normally
 *                          {@code System.getenv()}; tests pass their own map); only the passthrough
 *                          names are kept
 * @param defaultModel      the model when the user has not chosen one (env {@code CODEX_DEFAULT_MODEL})
 * @param modelOptions      models offered when the CLI cannot list them (env {@code CODEX_MODEL_OPTIONS})
 * @param requestTimeout    the longest wait for one JSON-RPC answer (env {@code CODEX_REQUEST_TIMEOUT_MS})
 * @param loginExpiry       how long a device login stays open (env {@code AI_LOGIN_EXPIRY_MS})
 * @param idleTimeout       an unused per-user app-server is stopped after this (env
 *                          {@code CODEX_IDLE_TIMEOUT_MS})
 * @param execMode          how chat turns run: {@link ExecMode#APP_SERVER} (default; the user's long-lived
 *                          {@code codex app-server}, streamed, chats keep their Codex thread) or
 *                          {@link ExecMode#EXEC} (one {@code codex exec} process per message)
 *                          (env {@code CODEX_EXEC_MODE} = {@code app-server} | {@code exec})
 * @param confinement       whether CLI processes run under bubblewrap ({@link Confinement}): {@code AUTO}
 *                          (default: when it works here), {@code REQUIRED} (else not ready) or {@code OFF}
 *                          (env {@code CODEX_CONFINEMENT})
 * @param versionCheck      {@code EXACT} (default): a CLI of another version than {@code expectedVersion} is not
 *                          ready; {@code WARN}: it runs, untested, only confined, with a warning
 *                          (env {@code CODEX_CLI_VERSION_CHECK})
 */
public record CodexSettings(
        Path cliBin,
        String expectedVersion,
        Path profileRoot,
        Path workspaceRoot,
        Secret profileHashSecret,
        Path configFile,
        List<String> envPassthrough,
        Map<String, String> sourceEnvironment,
        String defaultModel,
        List<String> modelOptions,
        Duration requestTimeout,
        Duration loginExpiry,
        Duration idleTimeout,
        ExecMode execMode,
        Confinement.Mode confinement,
        VersionCheck versionCheck) {

    /** The tested CLI version: {@code ai-provider-codex/cli/package.json}, the pin's one source of truth. */
    public static final String PINNED_VERSION = CodexCliPin.version();

    /** {@code CODEX_CLI_VERSION_CHECK}: whether a CLI of another version than the pin may run. */
    public enum VersionCheck {
        /** Only the pinned version is ready. */
        EXACT,
        /** Another version runs, reported as untested, and only confined (it may offer a tool the server cannot turn off). */
        WARN;

        /** {@code exact} or {@code warn} (any case); null or blank = {@link #EXACT}. */
        public static VersionCheck parse(String value) {
            if (value == null || value.isBlank()) {
                return EXACT;
            }
            try {
                return valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("CODEX_CLI_VERSION_CHECK must be exact or warn");
            }
        }
    }

    /** How chat turns run. */
    public enum ExecMode {
        /** {@code thread/start} / {@code thread/resume} + {@code turn/start} on the user's {@code codex app-server}. */
        APP_SERVER("app-server"),
        /** One {@code codex exec --json --ephemeral} process per message. */
        EXEC("exec");

        private final String wireName;

        ExecMode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** {@code app-server} or {@code exec} (case-insensitive, {@code _} accepted for {@code -}); null/blank = default. */
        public static ExecMode parse(String value) {
            if (value == null || value.isBlank()) {
                return APP_SERVER;
            }
            String v = value.strip().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            for (ExecMode mode : values()) {
                if (mode.wireName.equals(v)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("CODEX_EXEC_MODE must be app-server or exec");
        }
    }

    /** The settings without {@code execMode} (= {@link ExecMode#APP_SERVER}); kept for existing callers. */
    public CodexSettings(Path cliBin, String expectedVersion, Path profileRoot, Path workspaceRoot,
                         Secret profileHashSecret, Path configFile, List<String> envPassthrough,
                         Map<String, String> sourceEnvironment, String defaultModel, List<String> modelOptions,
                         Duration requestTimeout, Duration loginExpiry, Duration idleTimeout) {
        this(cliBin, expectedVersion, profileRoot, workspaceRoot, profileHashSecret, configFile, envPassthrough,
                sourceEnvironment, defaultModel, modelOptions, requestTimeout, loginExpiry, idleTimeout, null, null,
                null);
    }

    public CodexSettings {
        expectedVersion = expectedVersion == null || expectedVersion.isBlank() ? PINNED_VERSION : expectedVersion;
        Objects.requireNonNull(profileRoot, "profileRoot");
        Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        Objects.requireNonNull(profileHashSecret, "profileHashSecret");
        envPassthrough = envPassthrough == null ? List.of() : List.copyOf(envPassthrough);
        // keep only the passthrough names: the rest of the server's environment is never held here
        Map<String, String> kept = new java.util.HashMap<>();
        if (sourceEnvironment != null) {
            for (String name : envPassthrough) {
                String value = sourceEnvironment.get(name);
                if (value != null) {
                    kept.put(name, value);
                }
            }
        }
        sourceEnvironment = Map.copyOf(kept);
        defaultModel = defaultModel == null || defaultModel.isBlank() ? "gpt-5" : defaultModel.strip();
        modelOptions = modelOptions == null || modelOptions.isEmpty() ? List.of(defaultModel) : List.copyOf(modelOptions);
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        loginExpiry = loginExpiry == null ? Duration.ofMinutes(15) : loginExpiry;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(10) : idleTimeout;
        execMode = execMode == null ? ExecMode.APP_SERVER : execMode;
        confinement = confinement == null ? Confinement.Mode.AUTO : confinement;
        versionCheck = versionCheck == null ? VersionCheck.EXACT : versionCheck;
    }

    /** Settings with defaults for everything but the folders and the secret. */
    public static CodexSettings of(Path profileRoot, Path workspaceRoot, Secret profileHashSecret) {
        return new CodexSettings(null, PINNED_VERSION, profileRoot, workspaceRoot, profileHashSecret, null,
                List.of(), Map.of(), null, null, null, null, null);
    }

    public CodexSettings withCliBin(Path bin) {
        return new CodexSettings(bin, expectedVersion, profileRoot, workspaceRoot, profileHashSecret, configFile,
                envPassthrough, sourceEnvironment, defaultModel, modelOptions, requestTimeout, loginExpiry,
                idleTimeout, execMode, confinement, versionCheck);
    }

    public CodexSettings withExecMode(ExecMode mode) {
        return new CodexSettings(cliBin, expectedVersion, profileRoot, workspaceRoot, profileHashSecret, configFile,
                envPassthrough, sourceEnvironment, defaultModel, modelOptions, requestTimeout, loginExpiry,
                idleTimeout, mode, confinement, versionCheck);
    }

    public CodexSettings withVersionCheck(VersionCheck check) {
        return new CodexSettings(cliBin, expectedVersion, profileRoot, workspaceRoot, profileHashSecret, configFile,
                envPassthrough, sourceEnvironment, defaultModel, modelOptions, requestTimeout, loginExpiry,
                idleTimeout, execMode, confinement, check);
    }

    public CodexSettings withConfinement(Confinement.Mode mode) {
        return new CodexSettings(cliBin, expectedVersion, profileRoot, workspaceRoot, profileHashSecret, configFile,
                envPassthrough, sourceEnvironment, defaultModel, modelOptions, requestTimeout, loginExpiry,
                idleTimeout, execMode, mode, versionCheck);
    }

    @Override
    public String toString() {
        return "CodexSettings[cliBin=" + cliBin + ", expectedVersion=" + expectedVersion + ", profileRoot="
                + profileRoot + ", workspaceRoot=" + workspaceRoot + ", configFile=" + configFile
                + ", envPassthrough=" + envPassthrough + ", defaultModel=" + defaultModel + ", modelOptions="
                + modelOptions + ", requestTimeout=" + requestTimeout + ", loginExpiry=" + loginExpiry
                + ", idleTimeout=" + idleTimeout + ", execMode=" + execMode.wireName() + ", confinement="
                + confinement + ", versionCheck=" + versionCheck + "]";
    }
}
