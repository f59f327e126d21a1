package com.chimti.ai.adapter.out.codex.process;

import com.chimti.ai.core.domain.provider.ProviderReadiness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the native Codex binary (never the Node shim) and checks its version against the pin.
 * Without {@code cliBin} it looks for the module's npm install relative to the working directory.
 */
public final class CodexCli {
    /** Where {@code npm ci} in {@code ai-provider-codex/cli} puts the native Linux x64 binary. */
    public static final String NATIVE_BINARY =
            "node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex";
    private static final List<String> SEARCH = List.of(
            "cli/" + NATIVE_BINARY,
            "ai-provider-codex/cli/" + NATIVE_BINARY,
            "../ai-provider-codex/cli/" + NATIVE_BINARY);

    private final Path bin;
    private final ProviderReadiness readiness;
    private final String version;
    private final boolean tested;

    private CodexCli(Path bin, ProviderReadiness readiness, String version) {
        this(bin, readiness, version, true);
    }

    private CodexCli(Path bin, ProviderReadiness readiness, String version, boolean tested) {
        this.bin = bin;
        this.readiness = readiness;
        this.version = version;
        this.tested = tested;
    }

    /**
     * @param cliBin          the binary; null: the module's npm install
     * @param expectedVersion the version it must report
     * @param untestedAllowed whether another version runs anyway, reported as untested
     *                        ({@code CODEX_CLI_VERSION_CHECK=warn})
     */
    public static CodexCli resolve(Path cliBin, String expectedVersion, boolean untestedAllowed) {
        Path bin = cliBin;
        if (bin == null) {
            for (String candidate : SEARCH) {
                Path path = Path.of(candidate).toAbsolutePath().normalize();
                if (Files.isExecutable(path)) {
                    bin = path;
                    break;
                }
            }
            if (bin == null) {
                return new CodexCli(null, ProviderReadiness.notReady("the Codex CLI is not installed: run the "
                        + "ai-provider-codex Maven build (npm ci in ai-provider-codex/cli) or set CODEX_CLI_BIN"),
                        null);
            }
        }
        bin = bin.toAbsolutePath().normalize();
        try {
            // the real file: it is what bubblewrap binds and what the CLI's process shows as its command
            bin = bin.toRealPath();
        } catch (java.io.IOException missing) {
            // reported just below
        }
        if (!Files.isExecutable(bin)) {
            return new CodexCli(bin, ProviderReadiness.notReady(
                    "the Codex CLI set by CODEX_CLI_BIN is missing or not executable"), null);
        }
        String version = version(bin);
        if (version == null) {
            return new CodexCli(bin, ProviderReadiness.notReady("the Codex CLI did not report its version"), null);
        }
        if (!version.equals(expectedVersion)) {
            if (untestedAllowed) {
                return new CodexCli(bin, ProviderReadiness.READY, version, false);
            }
            return new CodexCli(bin, ProviderReadiness.notReady("the Codex CLI is version " + version
                    + " but " + expectedVersion + " is required"), version);
        }
        return new CodexCli(bin, ProviderReadiness.READY, version);
    }

    /** Runs {@code codex --version} and returns the version it reports, e.g. {@code 0.169.0}, or null. */
    static String version(Path bin) {
        ShortCommand.Result result = ShortCommand.run(List.of(bin.toString(), "--version"));
        if (result == null || result.output().isBlank()) {
            return null;
        }
        // "codex-cli 0.169.0"
        String[] words = result.output().split("\\s+");
        return words[words.length - 1];
    }

    public Path bin() {
        return bin;
    }

    public ProviderReadiness readiness() {
        return readiness;
    }

    public String version() {
        return version;
    }

    /** False when it is not the pinned version and runs anyway ({@code CODEX_CLI_VERSION_CHECK=warn}). */
    public boolean tested() {
        return tested;
    }
}
