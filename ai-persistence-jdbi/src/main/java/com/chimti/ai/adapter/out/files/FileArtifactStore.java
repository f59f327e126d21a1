package com.chimti.ai.adapter.out.files;

import com.chimti.ai.core.domain.artifact.ArtifactTooLargeException;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Artifact bytes as files under one folder: {@code <root>/<owner>/<file>}, where {@code <owner>} is a hash of the
 * owner (client id and user id; so no id, however odd, becomes a path) and {@code <file>} 128 random bits. The
 * key is exactly {@code <owner>/<file>} in lower-case hex; anything else is refused before a path is built, so no
 * key can leave the root. Folders are 0700 and files 0600 (on POSIX file systems); a write goes to a temporary
 * file in the same folder, is forced to disk, then moved into place atomically, so a reader never sees part of a
 * file. Reads do not follow symbolic links.
 */
public final class FileArtifactStore implements ArtifactStore {
    /** Reads refuse bigger files whatever the write cap is now, so a lowered cap leaves older files readable. */
    static final long READ_CEILING = 64L * 1024 * 1024;
    private static final Pattern KEY = Pattern.compile("([0-9a-f]{32})/([0-9a-f]{32})");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private final Path root;
    private final long maxBytes;
    private final boolean posix;
    private final SecureRandom random = new SecureRandom();

    /** Creates {@code root} (0700) when missing; {@code maxBytes} caps every write. */
    public FileArtifactStore(Path root, long maxBytes) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
        try {
            this.posix = Files.getFileStore(existingAncestor(this.root)).supportsFileAttributeView("posix");
            if (!Files.isDirectory(this.root)) {
                Files.createDirectories(this.root);
                restrict(this.root, DIRECTORY);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the artifact folder", e);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public StorageKey write(TenantUser owner, byte[] content) {
        Objects.requireNonNull(owner, "owner");
        if (content.length > maxBytes) {
            throw new ArtifactTooLargeException("an artifact may be at most " + maxBytes + " bytes");
        }
        String folder = ownerFolder(owner);
        String file = HexFormat.of().formatHex(randomBytes());
        Path directory = ownerDirectory(folder);
        Path temp = null;
        try {
            temp = posix ? Files.createTempFile(directory, ".tmp-", ".part", asAttribute(FILE))
                    : Files.createTempFile(directory, ".tmp-", ".part");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, directory.resolve(file), StandardCopyOption.ATOMIC_MOVE);
            return new StorageKey(folder + "/" + file);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new UncheckedIOException("cannot store an artifact", e);
        }
    }

    @Override
    public Optional<byte[]> read(StorageKey key) {
        Path file = resolve(key);
        if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file,
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            long size = channel.size();
            if (size > READ_CEILING) {
                throw new IllegalStateException("a stored artifact is larger than " + READ_CEILING + " bytes");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading until full or end of file
            }
            return Optional.of(buffer.position() == size ? buffer.array()
                    : Arrays.copyOf(buffer.array(), buffer.position()));
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read an artifact", e);
        }
    }

    @Override
    public void delete(StorageKey key) {
        Path file = resolve(key);
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete an artifact", e);
            }
        }
    }

    /**
     * Deletes the owner's folder with whatever is left in it (files whose records went, a stray part file).
     * The folder holds plain files only; anything else in it is deleted without being followed.
     */
    @Override
    public void forget(TenantUser owner) {
        Path directory = root.resolve(ownerFolder(Objects.requireNonNull(owner, "owner")));
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                try (java.util.stream.Stream<Path> entries = Files.list(directory)) {
                    for (Path entry : (Iterable<Path>) entries::iterator) {
                        Files.deleteIfExists(entry); // a symbolic link is removed, never followed
                    }
                }
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete an artifact folder", e);
        }
    }

    /** The file a well-formed key names, or null for any other key. */
    private Path resolve(StorageKey key) {
        Matcher matcher = KEY.matcher(key.value());
        if (!matcher.matches()) {
            return null;
        }
        Path file = root.resolve(matcher.group(1)).resolve(matcher.group(2)).normalize();
        return file.startsWith(root) ? file : null; // cannot fail for hex names; kept as the last word
    }

    private Path ownerDirectory(String folder) {
        Path directory = root.resolve(folder);
        try {
            Files.createDirectory(directory);
            restrict(directory, DIRECTORY);
        } catch (FileAlreadyExistsException exists) {
            // made by an earlier write
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an artifact folder", e);
        }
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("an artifact folder is not a plain directory");
        }
        return directory;
    }

    /**
     * 128 bits of SHA-256 over the owner, the client id length-prefixed so no two (client, user) pairs share a
     * name: a fixed-size hex name, whatever characters the ids hold. Keys written before (a hash of the user id
     * alone) stay readable: the record holds the whole key.
     */
    static String ownerFolder(TenantUser owner) {
        String client = owner.clientId().value();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("artifact-owner\0" + client.length() + ":" + client + "\0" + owner.userId().value())
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return bytes;
    }

    private void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (posix) {
            Files.setPosixFilePermissions(path, permissions); // set explicitly: creation modes pass the umask
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> asAttribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static Path existingAncestor(Path path) {
        Path current = path;
        while (current != null && !Files.exists(current)) {
            current = current.getParent();
        }
        return current == null ? path.getRoot() : current;
    }

    private static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the write already failed; a stray .part file holds no one's data worth keeping
            }
        }
    }
}
