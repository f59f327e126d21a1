package com.chimti.ai.adapter.out.codex;

import com.chimti.ai.core.domain.ProviderFailureException;
import com.chimti.ai.core.domain.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-user folders. {@code <profileRoot>/codex/<id>/} is the user's CODEX_HOME and
 * {@code <workspaceRoot>/codex/<id>/} their working folder, where {@code <id>} is the hex HMAC-SHA256 of the
 * user id under the server secret. Folders are 0700, {@code auth.json} 0600 (tightened before each use).
 *
 * <p>The server owns {@code config.toml}: it writes its own top-level keys ({@code model}, sandbox and
 * approval defaults, file credential store) and then appends the operator's file verbatim, minus any
 * top-level line that sets one of the server's keys (TOML forbids duplicate keys; the server's value wins).
 * The operator's file may add tables such as {@code [model_providers.x]} and other top-level keys.
 */
public final class CodexProfiles {
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final List<String> SERVER_KEYS =
            List.of("model", "sandbox_mode", "approval_policy", "cli_auth_credentials_store");
    private static final Pattern MODEL_LINE = Pattern.compile("(?m)^model\\s*=\\s*\"([^\"]*)\"\\s*$");
    private static final Pattern TOP_KEY = Pattern.compile("^\\s*\"?([A-Za-z0-9_.-]+)\"?\\s*=");

    private final CodexSettings settings;
    private final byte[] key;

    public CodexProfiles(CodexSettings settings) {
        this.settings = settings;
        this.key = settings.profileHashSecret().reveal().getBytes(StandardCharsets.UTF_8);
    }

    /** The folder name of a user: hex HMAC-SHA256 of the user id. */
    public String profileId(UserId userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.value().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public Path profilesDir() {
        return settings.profileRoot().resolve("codex");
    }

    public Path home(UserId userId) {
        return profilesDir().resolve(profileId(userId));
    }

    public Path workspace(UserId userId) {
        return settings.workspaceRoot().resolve("codex").resolve(profileId(userId));
    }

    /** Creates the user's folders if needed, fixes their modes and rewrites config.toml; returns CODEX_HOME. */
    public Path prepare(UserId userId) {
        Path home = home(userId);
        try {
            Files.createDirectories(settings.profileRoot());
            ensureDir(profilesDir());
            ensureDir(home);
            Files.createDirectories(settings.workspaceRoot());
            ensureDir(settings.workspaceRoot().resolve("codex"));
            ensureDir(workspace(userId));
            tightenAuthFile(home);
            writeConfig(home, currentModel(home));
            return home;
        } catch (IOException e) {
            throw new ProviderFailureException("the Codex profile could not be prepared", e);
        }
    }

    /** Tightens {@code auth.json} to 0600 when it is looser. */
    public void tightenAuthFile(Path home) {
        Path auth = home.resolve("auth.json");
        try {
            if (Files.exists(auth) && !Files.getPosixFilePermissions(auth).equals(FILE_MODE)) {
                Files.setPosixFilePermissions(auth, FILE_MODE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean hasCredentials(UserId userId) {
        return Files.exists(home(userId).resolve("auth.json"));
    }

    /** The model the user chose for Codex, or the default. */
    public String currentModel(Path home) {
        Path config = home.resolve("config.toml");
        if (Files.exists(config)) {
            try {
                Matcher m = MODEL_LINE.matcher(Files.readString(config));
                if (m.find() && !m.group(1).isBlank()) {
                    return m.group(1);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return settings.defaultModel();
    }

    public void updateModel(UserId userId, String model) {
        Path home = prepare(userId);
        try {
            writeConfig(home, model);
        } catch (IOException e) {
            throw new ProviderFailureException("the Codex profile could not be updated", e);
        }
    }

    void writeConfig(Path home, String model) throws IOException {
        StringBuilder toml = new StringBuilder();
        toml.append("# Written by the server (ai-provider-codex) before each use; edits are lost.\n");
        toml.append("model = \"").append(escape(model)).append("\"\n");
        toml.append("sandbox_mode = \"read-only\"\n");
        toml.append("approval_policy = \"never\"\n");
        toml.append("cli_auth_credentials_store = \"file\"\n");
        if (settings.configFile() != null) {
            toml.append("\n# ---- operator configuration (CODEX_CONFIG_FILE) ----\n");
            toml.append(operatorConfig(Files.readString(settings.configFile())));
        }
        Path config = home.resolve("config.toml");
        Path tmp = home.resolve("config.toml.tmp");
        Files.writeString(tmp, toml.toString());
        Files.setPosixFilePermissions(tmp, FILE_MODE);
        Files.move(tmp, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The operator's TOML without top-level assignments of the server's keys. */
    static String operatorConfig(String text) {
        StringBuilder out = new StringBuilder();
        boolean topLevel = true;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("[")) {
                topLevel = false;
            }
            if (topLevel) {
                Matcher m = TOP_KEY.matcher(line);
                if (m.find() && SERVER_KEYS.contains(m.group(1))) {
                    out.append("# (set by the server) ").append(line).append('\n');
                    continue;
                }
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static void ensureDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        if (!Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
    }

    /** The CODEX_HOME folders that exist now (for start-up clean-up). */
    List<Path> existingHomes() {
        if (!Files.isDirectory(profilesDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(profilesDir())) {
            return s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
