package com.chimti.ai.adapter.out.codex.profile;

import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-user folders. {@code <profileRoot>/codex/<id>/} is the user's CODEX_HOME and
 * {@code <workspaceRoot>/codex/<id>/} their working folder, where {@code <id>} is the hex HMAC-SHA256 of the
 * user's client id and user id ({@link #profileId}) under the server secret: the same sub under two clients has
 * two profiles and connects Codex once per client. Folders are 0700, {@code auth.json} 0600 (tightened before
 * each use).
 *
 * <p>The server owns {@code config.toml} ({@link ProfileConfig}): its own keys (the model, sandbox and approval
 * settings, the file credential store, every CLI tool turned off) merged with the operator's file, which may add
 * tables such as {@code [model_providers.x]} and other keys but none of the server's.
 */
public final class CodexProfiles {
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    /** The mode of every file the server writes into a profile. */
    public static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path profileRoot;
    private final Path workspaceRoot;
    private final byte[] key;
    private final String defaultModel;
    private final ProfileConfig config;

    /**
     * @param profileRoot       per-user CODEX_HOME folders live in {@code <profileRoot>/codex/<id>/}
     * @param workspaceRoot     per-user working folders live in {@code <workspaceRoot>/codex/<id>/}
     * @param profileHashSecret the key of the HMAC that names the folders
     * @param configFile        the operator's TOML merged into every {@code config.toml}, or null
     * @param defaultModel      the model of a user who has not chosen one
     * @throws IllegalArgumentException when the operator's {@code CODEX_CONFIG_FILE} sets a key the server owns
     */
    public CodexProfiles(Path profileRoot, Path workspaceRoot, Secret profileHashSecret, Path configFile,
                         String defaultModel) {
        this(profileRoot, workspaceRoot, profileHashSecret, defaultModel, ProfileConfig.load(configFile));
    }

    CodexProfiles(Path profileRoot, Path workspaceRoot, Secret profileHashSecret, String defaultModel,
                  ProfileConfig config) {
        this.profileRoot = profileRoot;
        this.workspaceRoot = workspaceRoot;
        this.key = profileHashSecret.reveal().getBytes(StandardCharsets.UTF_8);
        this.defaultModel = defaultModel;
        this.config = config;
    }

    /**
     * Checks an operator's {@code CODEX_CONFIG_FILE} before anything starts.
     *
     * @throws IllegalArgumentException naming the key the file must not set, or why it cannot be read
     */
    public static void checkOperatorFile(Path file) {
        ProfileConfig.readOperatorFile(file);
    }

    /**
     * The folder name of a user: hex HMAC-SHA256 of their client id and user id, each UTF-8 and prefixed by its
     * length in bytes (4 bytes, big-endian), so no two (client, sub) pairs feed the HMAC the same bytes.
     */
    public String profileId(TenantUser user) {
        byte[] client = user.clientId().value().getBytes(StandardCharsets.UTF_8);
        byte[] sub = user.userId().value().getBytes(StandardCharsets.UTF_8);
        return hmac(ByteBuffer.allocate(8 + client.length + sub.length)
                .putInt(client.length).put(client).putInt(sub.length).put(sub).array());
    }

    /** The folder name before V9: the HMAC of the user id alone. Read only to move such a folder. */
    String legacyProfileId(UserId userId) {
        return hmac(userId.value().getBytes(StandardCharsets.UTF_8));
    }

    private String hmac(byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** What {@link #moveLegacy} found. */
    public enum LegacyMove { MOVED, NOTHING_TO_MOVE, KEPT_BOTH }

    /**
     * Renames the user's pre-V9 profile folder (named by the sub alone) and workspace to their (client, sub)
     * names. Idempotent: with no old folder nothing happens; when the new one exists already it is kept and the
     * old one left in place (the user connected again after the upgrade). Call before any of the user's processes
     * runs (start-up), for a sub that had exactly one client.
     */
    public LegacyMove moveLegacy(TenantUser user) {
        String oldName = legacyProfileId(user.userId());
        String newName = profileId(user);
        try {
            LegacyMove home = move(profilesDir(), oldName, newName);
            LegacyMove work = move(workspaceRoot.resolve("codex"), oldName, newName);
            return home == LegacyMove.NOTHING_TO_MOVE ? work : home;
        } catch (IOException e) {
            throw new UncheckedIOException("a Codex profile folder could not be moved", e);
        }
    }

    private static LegacyMove move(Path parent, String oldName, String newName) throws IOException {
        Path from = parent.resolve(oldName);
        if (!Files.isDirectory(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return LegacyMove.NOTHING_TO_MOVE;
        }
        Path to = parent.resolve(newName);
        if (Files.exists(to, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return LegacyMove.KEPT_BOTH;
        }
        Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return LegacyMove.MOVED;
    }

    Path profilesDir() {
        return profileRoot.resolve("codex");
    }

    public Path home(TenantUser user) {
        return profilesDir().resolve(profileId(user));
    }

    public Path workspace(TenantUser user) {
        return workspaceRoot.resolve("codex").resolve(profileId(user));
    }

    /** Creates the user's folders if needed, fixes their modes and rewrites config.toml; returns CODEX_HOME. */
    public Path prepare(TenantUser user) {
        Path home = home(user);
        try {
            Files.createDirectories(profileRoot);
            ensureDir(profilesDir());
            ensureDir(home);
            Files.createDirectories(workspaceRoot);
            ensureDir(workspaceRoot.resolve("codex"));
            ensureDir(workspace(user));
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

    public boolean hasCredentials(TenantUser user) {
        return Files.exists(home(user).resolve("auth.json"));
    }

    /** The model the user chose for Codex, or the default. */
    public String currentModel(Path home) {
        Path file = home.resolve("config.toml");
        if (Files.exists(file)) {
            try {
                String model = ProfileConfig.model(Files.readString(file));
                if (model != null) {
                    return model;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return defaultModel;
    }

    public void updateModel(TenantUser user, String model) {
        Path home = prepare(user);
        try {
            writeConfig(home, model);
        } catch (IOException e) {
            throw new ProviderFailureException("the Codex profile could not be updated", e);
        }
    }

    void writeConfig(Path home, String model) throws IOException {
        Path file = home.resolve("config.toml");
        Path tmp = home.resolve("config.toml.tmp");
        Files.writeString(tmp, config.render(model));
        Files.setPosixFilePermissions(tmp, FILE_MODE);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Creates {@code dir} if needed and makes it the owner's alone (0700). */
    public static void ensureDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        if (!Files.getPosixFilePermissions(dir).equals(DIR_MODE)) {
            Files.setPosixFilePermissions(dir, DIR_MODE);
        }
    }

    /**
     * Deletes the user's CODEX_HOME and workspace with everything in them (erasure; their processes are stopped
     * first). Symbolic links inside are removed, never followed. Idempotent.
     */
    public void delete(TenantUser user) {
        try {
            deleteTree(home(user));
            deleteTree(workspace(user));
        } catch (IOException e) {
            throw new UncheckedIOException("a Codex profile folder could not be deleted", e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // walk does not follow links: a link is deleted as the entry it is; deepest entries first
        try (Stream<Path> entries = Files.walk(root)) {
            for (Path entry : entries.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        }
    }

    /** The CODEX_HOME folders that exist now (for start-up clean-up). */
    public List<Path> existingHomes() {
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
