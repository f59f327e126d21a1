package com.chimti.ai.adapter.out.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.artifact.ArtifactTooLargeException;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileArtifactStoreTest {
    @TempDir
    Path temp;

    private FileArtifactStore store(long maxBytes) {
        return new FileArtifactStore(temp.resolve("artifacts"), maxBytes);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesReadsAndDeletesUnderAFreshKeyPerWrite() {
        FileArtifactStore store = store(1024);
        TenantUser owner = owner("u1");

        StorageKey first = store.write(owner, bytes("one"));
        StorageKey second = store.write(owner, bytes("two"));

        assertThat(first).isNotEqualTo(second);
        assertThat(first.value()).matches("[0-9a-f]{32}/[0-9a-f]{32}");
        assertThat(first.value().split("/")[0]).isEqualTo(second.value().split("/")[0]);
        assertThat(store.read(first)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("one")));
        assertThat(store.read(second)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("two")));
        store.delete(first);
        assertThat(store.read(first)).isEmpty();
        store.delete(first); // again: nothing happens
        assertThat(store.write(owner, new byte[0])).satisfies(k -> assertThat(store.read(k)).hasValue(new byte[0]));
    }

    @Test
    void ownersGetSeparateFoldersNamedByAHashNeverByTheId() throws IOException {
        FileArtifactStore store = store(1024);
        StorageKey odd = store.write(owner("../../etc/passwd"), bytes("x"));
        StorageKey other = store.write(owner("u2"), bytes("y"));

        assertThat(odd.value().split("/")[0]).isNotEqualTo(other.value().split("/")[0]);
        // the same sub in another client, and pairs that would join to the same text, get other folders too
        assertThat(FileArtifactStore.ownerFolder(new TenantUser(new ClientId("c2"), new UserId("u2"))))
                .isNotEqualTo(FileArtifactStore.ownerFolder(owner("u2")));
        assertThat(FileArtifactStore.ownerFolder(new TenantUser(new ClientId("a"), new UserId("b:c"))))
                .isNotEqualTo(FileArtifactStore.ownerFolder(new TenantUser(new ClientId("a:b"), new UserId("c"))));
        try (Stream<Path> all = Files.walk(temp)) {
            List<Path> files = all.filter(Files::isRegularFile).toList();
            assertThat(files).hasSize(2).allMatch(f -> f.startsWith(store.root()));
            assertThat(files).noneMatch(f -> f.toString().contains("passwd") || f.toString().contains("u2"));
        }
    }

    @Test
    void foldersAre0700AndFiles0600WithNoTemporaryFileLeft() throws IOException {
        FileArtifactStore store = store(1024);
        StorageKey key = store.write(owner("u1"), bytes("secret"));
        Path folder = store.root().resolve(key.value().split("/")[0]);
        Path file = folder.resolve(key.value().split("/")[1]);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.root()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (Stream<Path> entries = Files.list(folder)) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly(key.value().split("/")[1]);
        }
    }

    @Test
    void keysThatTheStoreDidNotMakeNeverReachTheFileSystem() throws IOException {
        FileArtifactStore store = store(1024);
        Path outside = Files.writeString(temp.resolve("outside.txt"), "do not read");
        StorageKey real = store.write(owner("u1"), bytes("mine"));
        String folder = real.value().split("/")[0];

        for (String forged : List.of("../outside.txt", folder + "/../../outside.txt", "/etc/passwd",
                folder + "/" + "A".repeat(32), folder, real.value() + "/x", real.value().toUpperCase(),
                "..%2Foutside.txt", folder + "\\" + real.value().split("/")[1])) {
            assertThat(store.read(new StorageKey(forged))).as(forged).isEmpty();
            store.delete(new StorageKey(forged));
        }
        assertThat(outside).exists();
        assertThat(store.read(real)).isPresent();
    }

    @Test
    void aSymbolicLinkInPlaceOfAFileIsNotFollowed() throws IOException {
        FileArtifactStore store = store(1024);
        StorageKey key = store.write(owner("u1"), bytes("mine"));
        Path file = store.root().resolve(key.value());
        Path target = Files.writeString(temp.resolve("target.txt"), "not an artifact");
        Files.delete(file);
        Files.createSymbolicLink(file, target);

        assertThat(Files.isSymbolicLink(file)).isTrue();
        assertThat(store.read(key)).isEmpty();
        store.delete(key); // removes the link, never the target
        assertThat(Files.exists(file, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(target).hasContent("not an artifact");
    }

    @Test
    void refusesContentOverTheCapAndWritesNothing() throws IOException {
        FileArtifactStore store = store(4);
        assertThat(store.read(store.write(owner("u1"), bytes("four")))).isPresent();
        assertThatThrownBy(() -> store.write(owner("u2"), bytes("fiver")))
                .isInstanceOf(ArtifactTooLargeException.class);
        try (Stream<Path> all = Files.walk(store.root())) {
            assertThat(all.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void anExistingRootIsUsedAndAnUnusableOneFailsAtOnce() throws IOException {
        Path existing = Files.createDirectories(temp.resolve("existing"));
        assertThat(new FileArtifactStore(existing, 10).write(owner("u"), bytes("a"))).isNotNull();
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        assertThatThrownBy(() -> new FileArtifactStore(file, 10)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> new FileArtifactStore(existing, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static TenantUser owner(String sub) {
        return new TenantUser(new ClientId("c1"), new UserId(sub));
    }

    @Test
    void forgettingAnOwnerRemovesTheirFolderAndNothingOfAnyoneElse() throws IOException {
        FileArtifactStore store = store(1024);
        TenantUser alice = owner("alice");
        TenantUser aliceElsewhere = new TenantUser(new ClientId("c2"), new UserId("alice"));
        StorageKey mine = store.write(alice, bytes("mine"));
        StorageKey theirs = store.write(aliceElsewhere, bytes("theirs"));
        Path folder = store.root().resolve(mine.value().split("/")[0]);
        Files.writeString(folder.resolve(".tmp-left.part"), "a write that died");

        store.forget(alice);

        assertThat(folder).doesNotExist();
        assertThat(store.read(mine)).isEmpty();
        assertThat(store.read(theirs)).hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("theirs")));
        store.forget(alice); // again: nothing happens
        store.forget(owner("never-wrote"));
    }
}
