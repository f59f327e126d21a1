package com.chimti.ai.adapter.out.codex.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Profile folder names are per (client, sub), and a folder from before V9 (named by the sub alone) moves to the
 * new name once, idempotently, never over a folder that exists already.
 */
class CodexProfilesTest {
    private static final String KEY = "a-profile-hash-key-of-at-least-32-bytes";

    @TempDir
    Path root;

    private CodexProfiles profiles() {
        return new CodexProfiles(root.resolve("profiles"), root.resolve("work"), new Secret(KEY), null, "gpt-5");
    }

    private static TenantUser user(String client, String sub) {
        return new TenantUser(new ClientId(client), new UserId(sub));
    }

    @Test
    void theSameSubUnderTwoClientsHasTwoFoldersAndNoTwoPairsCollide() {
        CodexProfiles profiles = profiles();
        assertThat(profiles.profileId(user("client-a", "sam")))
                .isNotEqualTo(profiles.profileId(user("client-b", "sam"))).matches("[0-9a-f]{64}");
        // pairs whose concatenations are equal still differ
        assertThat(profiles.profileId(user("a", "bc"))).isNotEqualTo(profiles.profileId(user("ab", "c")));
        assertThat(profiles.profileId(user("client-a", "sam"))).isEqualTo(profiles().profileId(user("client-a", "sam")))
                .isNotEqualTo(profiles.legacyProfileId(new UserId("sam")));
        assertThat(profiles.legacyProfileId(new UserId("sam"))).isEqualTo(hmac("sam"));
    }

    @Test
    void aLegacyFolderMovesOnceWithItsWorkspace() throws IOException {
        CodexProfiles profiles = profiles();
        TenantUser sam = user("client-a", "sam");
        Path oldHome = Files.createDirectories(profiles.profilesDir().resolve(hmac("sam")));
        Files.writeString(oldHome.resolve("auth.json"), "{}");
        Path oldWork = Files.createDirectories(root.resolve("work").resolve("codex").resolve(hmac("sam")));

        assertThat(profiles.moveLegacy(sam)).isEqualTo(CodexProfiles.LegacyMove.MOVED);
        assertThat(oldHome).doesNotExist();
        assertThat(oldWork).doesNotExist();
        assertThat(profiles.home(sam).resolve("auth.json")).hasContent("{}");
        assertThat(profiles.workspace(sam)).isDirectory();
        assertThat(profiles.hasCredentials(sam)).isTrue();
        assertThat(profiles.hasCredentials(user("client-b", "sam"))).isFalse();

        // again: nothing left to move, nothing changed
        assertThat(profiles.moveLegacy(sam)).isEqualTo(CodexProfiles.LegacyMove.NOTHING_TO_MOVE);
        assertThat(profiles.home(sam).resolve("auth.json")).hasContent("{}");
    }

    @Test
    void aFolderUnderTheNewNameIsNeverOverwritten() throws IOException {
        CodexProfiles profiles = profiles();
        TenantUser sam = user("client-a", "sam");
        Path oldHome = Files.createDirectories(profiles.profilesDir().resolve(hmac("sam")));
        Files.writeString(oldHome.resolve("auth.json"), "old");
        Files.createDirectories(profiles.home(sam));
        Files.writeString(profiles.home(sam).resolve("auth.json"), "new");

        assertThat(profiles.moveLegacy(sam)).isEqualTo(CodexProfiles.LegacyMove.KEPT_BOTH);
        assertThat(profiles.home(sam).resolve("auth.json")).hasContent("new");
        assertThat(oldHome.resolve("auth.json")).hasContent("old");
    }

    @Test
    void withoutALegacyFolderNothingHappens() {
        assertThat(profiles().moveLegacy(user("client-a", "nobody")))
                .isEqualTo(CodexProfiles.LegacyMove.NOTHING_TO_MOVE);
        assertThat(root.resolve("profiles").resolve("codex")).doesNotExist();
    }

    /** The pre-V9 name, computed here independently: HMAC-SHA256 of the sub alone. */
    private static String hmac(String sub) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(sub.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
