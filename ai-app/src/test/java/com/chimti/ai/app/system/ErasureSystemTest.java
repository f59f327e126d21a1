package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.in.ManageActions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offboarding over HTTP with the real Codex CLI against the fake OpenAI: a user with a chat, an answered turn,
 * an artifact and an API-key login is erased by a platform admin. Afterwards no path under the data folder
 * carries the user's profile name, their CLI process is gone, their chat and artifact are 404 and their account
 * is disconnected, while the same sub in another client keeps everything. A store user and another client's
 * superadmin are refused first. And an artifact's owner deletes it (stub provider).
 */
class ErasureSystemTest {
    @TempDir
    Path dataDir;

    private static Caller caller(String user, String client) {
        return new Caller(new UserId(user), new ClientId(client), Set.of(new BrandId("brand-1")), Set.of(),
                Set.of(Role.STORE), true, Set.of("ai"));
    }

    /** An export_summary proposed for the caller (as the model would) and confirmed over HTTP; its artifact id. */
    private static String artifact(RunningServer server, String token, Caller owner, String chatId) {
        AiAction proposed = server.server.instance(ManageActions.class).propose(owner, new ChatId(chatId),
                "export_summary", Map.of("title", "Week 12", "summary", "Stock is fine.", "brandId", "brand-1"));
        RunningServer.Response confirmed = server.post("/v1/ai/actions/" + proposed.id() + "/confirm", token, "{}");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        return confirmed.json().at("/result/artifactId").asText();
    }

    private static List<Path> pathsNaming(Path root, String name) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(path -> path.toString().contains(name)).toList();
        }
    }

    @Test
    void aPlatformAdminErasesAUserAndNothingOfThemIsLeft() throws IOException {
        FakeOpenAiServer openAi = new FakeOpenAiServer();
        RunningServer server = null;
        try {
            server = RunningServer.start(dataDir.resolve("server"), CodexServerFixture.codexEnv(openAi, dataDir));
            String alice = RunningServer.token("alice", "client-1", List.of("brand-1"), List.of("STORE"), true);
            String aliceElsewhere = RunningServer.token("alice", "client-2", List.of("brand-1"), List.of("STORE"),
                    true);
            String platformAdmin = RunningServer.token("root", "platform", List.of(), List.of("PLATFORM_ADMIN"),
                    false);
            String colleague = RunningServer.token("bob", "client-1", List.of("brand-1"), List.of("STORE"), true);
            String otherSuperadmin = RunningServer.token("boss", "client-2", List.of("brand-1"),
                    List.of("BRAND_SUPERADMIN"), true);

            CodexServerFixture.loginWithApiKey(server, alice);
            String chatId = server.newChat(alice);
            openAi.reply("Stock is fine.");
            RunningServer.Response turn = server.post("/v1/ai/chats/" + chatId + "/messages", alice,
                    "{\"content\":\"How is stock?\"}");
            assertThat(turn.status()).as(turn.body()).isEqualTo(200);
            String artifactId = artifact(server, alice, caller("alice", "client-1"), chatId);
            List<ProcessHandle> alicesProcesses = CodexServerFixture.codexProcesses();
            assertThat(alicesProcesses).as("alice's warm app-server").isNotEmpty();

            CodexServerFixture.loginWithApiKey(server, aliceElsewhere);
            String elsewhereChat = server.newChat(aliceElsewhere);
            String elsewhereArtifact = artifact(server, aliceElsewhere, caller("alice", "client-2"), elsewhereChat);
            CodexProvider codex = server.server.instance(CodexProvider.class);
            String profile = codex.profileId(new TenantUser(new ClientId("client-1"), new UserId("alice")));
            String elsewhereProfile = codex.profileId(new TenantUser(new ClientId("client-2"), new UserId("alice")));
            assertThat(pathsNaming(dataDir, profile)).isNotEmpty();

            // refused: a store user, and a superadmin of another client; nothing is touched
            String path = "/v1/ai/admin/clients/client-1/users/alice";
            for (String refused : List.of(colleague, alice, otherSuperadmin)) {
                RunningServer.Response answer = server.delete(path, refused);
                assertThat(answer.status()).as(answer.body()).isEqualTo(403);
                assertThat(answer.json().get("code").asText()).isEqualTo("forbidden");
            }
            assertThat(server.get("/v1/ai/chats/" + chatId, alice).status()).isEqualTo(200);

            RunningServer.Response erased = server.delete(path, platformAdmin);

            assertThat(erased.status()).as(erased.body()).isEqualTo(204);
            assertThat(pathsNaming(dataDir, profile)).as("paths naming alice's profile").isEmpty();
            assertThat(alicesProcesses).noneMatch(ProcessHandle::isAlive);
            assertThat(ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                    .filter(p -> alicesProcesses.stream().anyMatch(a -> a.pid() == p.pid()))).isEmpty();
            assertThat(server.get("/v1/ai/chats/" + chatId, alice).status()).isEqualTo(404);
            assertThat(server.get("/v1/ai/artifacts/" + artifactId, alice).status()).isEqualTo(404);
            assertThat(server.get("/v1/ai/chats", alice).json().get("items")).isEmpty();
            assertThat(server.get("/v1/ai/account", alice).json().get("status").asText()).isEqualTo("disconnected");
            // the same sub in another client is another user: untouched
            assertThat(pathsNaming(dataDir, elsewhereProfile)).isNotEmpty();
            assertThat(server.get("/v1/ai/chats/" + elsewhereChat, aliceElsewhere).status()).isEqualTo(200);
            assertThat(server.get("/v1/ai/artifacts/" + elsewhereArtifact + "/content", aliceElsewhere).status())
                    .isEqualTo(200);
            assertThat(server.get("/v1/ai/account", aliceElsewhere).json().get("status").asText())
                    .isEqualTo("connected");

            assertThat(server.delete(path, platformAdmin).status()).as("idempotent").isEqualTo(204);
        } finally {
            CodexServerFixture.stopAll(server, openAi);
        }
    }

    @Test
    void anArtifactsOwnerDeletesItOnceAndNobodyElseCan() throws IOException {
        RunningServer server = RunningServer.start(dataDir, Map.of());
        try {
            String owner = RunningServer.token("store-ann", "client-1", List.of("brand-1"), List.of("STORE"), true);
            String admin = RunningServer.adminToken("admin-bo");
            String sameSubOtherClient = RunningServer.token("store-ann", "client-2", List.of("brand-1"),
                    List.of("STORE"), true);
            String chatId = server.newChat(owner);
            String artifactId = artifact(server, owner, caller("store-ann", "client-1"), chatId);
            assertThat(server.get("/v1/ai/artifacts/" + artifactId, admin).status()).isEqualTo(200);
            long filesBefore = files(dataDir.resolve("artifacts"));

            for (String stranger : List.of(admin, sameSubOtherClient)) {
                RunningServer.Response refused = server.delete("/v1/ai/artifacts/" + artifactId, stranger);
                assertThat(refused.status()).as(refused.body()).isEqualTo(404);
            }
            assertThat(server.delete("/v1/ai/artifacts/" + artifactId, owner).status()).isEqualTo(204);

            assertThat(server.get("/v1/ai/artifacts/" + artifactId, owner).status()).isEqualTo(404);
            assertThat(files(dataDir.resolve("artifacts"))).isEqualTo(filesBefore - 1);
            assertThat(server.delete("/v1/ai/artifacts/" + artifactId, owner).status()).isEqualTo(404);
        } finally {
            server.close();
        }
    }

    private static long files(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).count();
        }
    }
}
