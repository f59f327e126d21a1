package com.chimti.ai.app;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.connection.SharedSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Instances on one external database must share one profile root and one profile-hash secret, or a user
 * connected on one instance is disconnected on another. At start each instance finds (or writes) a marker id in
 * its profile root and computes an HMAC of a fixed probe under its secret; the first instance records both in
 * PostgreSQL, and an instance whose marker or probe differs refuses to start, naming the variable, never its
 * value. An embedded database serves one instance only, so it is not checked.
 */
final class SharedStorageCheck {
    static final String MARKER_FILE = ".chimti-profile-root";
    private static final String PROBE = "chimti-ai profile-hash probe v1";

    private SharedStorageCheck() {
    }

    static void verify(Database database, Path profileRoot, String profileHashKey) {
        if (database.isEmbedded()) {
            return;
        }
        SharedSetup mine = new SharedSetup(marker(profileRoot), probe(profileHashKey));
        SharedSetup recorded = database.recordSharedSetup(mine);
        if (!recorded.profileRootMarker().equals(mine.profileRootMarker())) {
            throw new ConfigException("AI_PROFILE_STORAGE_PATH is not the profile root the other instances on this "
                    + "database use (its marker differs): mount the shared profile volume there (see the runbook, "
                    + "several instances)");
        }
        if (!recorded.profileHashProbe().equals(mine.profileHashProbe())) {
            throw new ConfigException("AI_PROFILE_HASH_SECRET differs from the one the other instances on this "
                    + "database use: give every instance the same value (see the runbook, several instances)");
        }
    }

    /** The root's marker id, written once by the first instance that finds none (of two racing, one wins). */
    static String marker(Path profileRoot) {
        Path file = profileRoot.resolve(MARKER_FILE);
        try {
            Files.createDirectories(profileRoot);
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                    Path written = Files.writeString(profileRoot.resolve(MARKER_FILE + "." + UUID.randomUUID()),
                            UUID.randomUUID().toString());
                    Files.move(written, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException anotherInstanceWroteIt) {
                    // read below
                }
            }
            for (int attempt = 0; attempt < 50; attempt++) {
                String id = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!id.isEmpty()) {
                    return id;
                }
                Thread.sleep(20); // created by another instance an instant ago, its id not moved in yet
            }
            throw new ConfigException("AI_PROFILE_STORAGE_PATH holds an empty " + MARKER_FILE + " file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the marker in AI_PROFILE_STORAGE_PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the profile root's marker", e);
        }
    }

    /** HMAC-SHA256 of a fixed text under the key: equal keys give equal probes, and it reveals nothing else. */
    static String probe(String profileHashKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(profileHashKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(PROBE.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
