package com.chimti.ai.app.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.in.ManageActions;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An action that writes a file, over HTTP on the real server: the owner confirms an export_summary proposal,
 * lists and downloads the Markdown file; an admin of the same brand can download it too; a colleague of the same
 * brand and a user of another client get 404; the file outlives a restart. The proposal is recorded through the core use case, as the
 * provider side will do, since no route proposes.
 */
class ArtifactSystemTest {
    private static final String MARKDOWN = "# Week 12 summary\n\nStock is *fine*; two late deliveries.\n";

    @TempDir
    Path dataDir;

    @Test
    void theOwnerAndABrandAdminDownloadWhatTheActionWroteAndNobodyElseSeesIt() throws IOException {
        RunningServer server = RunningServer.start(dataDir, Map.of());
        try {
            String owner = RunningServer.token("store-ann", "client-1", List.of("brand-1"), List.of("STORE"), true);
            String admin = RunningServer.adminToken("admin-bo");
            String colleague = RunningServer.token("store-cy", "client-1", List.of("brand-1"), List.of("STORE"),
                    true);
            String stranger = RunningServer.token("store-ann-2", "client-2", List.of("brand-1"),
                    List.of("BRAND_ADMIN"), true);
            String chatId = server.post("/v1/ai/chats", owner, "{\"brandId\":\"brand-1\"}").json().get("id")
                    .asText();

            Caller ann = new Caller(new UserId("store-ann"), new ClientId("client-1"), Set.of(new BrandId("brand-1")),
                    Set.of(), Set.of(Role.STORE), true, Set.of("ai"));
            AiAction proposed = server.server.instance(ManageActions.class).propose(ann, new ChatId(chatId),
                    "export_summary", Map.of("title", "Week 12 summary",
                            "summary", "Stock is *fine*; two late deliveries.", "brandId", "brand-1"));
            assertThat(server.get("/v1/ai/artifacts", owner).json().get("items")).isEmpty();

            RunningServer.Response confirmed = server.post("/v1/ai/actions/" + proposed.id() + "/confirm", owner,
                    "{}");
            assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
            assertThat(confirmed.json().get("status").asText()).isEqualTo("executed");
            String artifactId = confirmed.json().at("/result/artifactId").asText();

            JsonNode items = server.get("/v1/ai/artifacts?chatId=" + chatId, owner).json().get("items");
            assertThat(items).hasSize(1);
            JsonNode item = items.get(0);
            assertThat(item.get("id").asText()).isEqualTo(artifactId);
            assertThat(item.get("brandId").asText()).isEqualTo("brand-1");
            assertThat(item.get("mimeType").asText()).isEqualTo("text/markdown");
            assertThat(item.get("sizeBytes").asLong()).isEqualTo(MARKDOWN.getBytes(StandardCharsets.UTF_8).length);

            String content = "/v1/ai/artifacts/" + artifactId + "/content";
            RunningServer.Response download = server.get(content, owner);
            assertThat(download.status()).as(download.body()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(MARKDOWN);
            assertThat(download.headers().get("Content-Type").get(0)).startsWith("text/markdown");
            assertThat(download.headers().get("Content-Disposition"))
                    .containsExactly("attachment; filename=\"Week 12 summary.md\"");
            assertThat(download.headers().get("X-Content-Type-Options")).containsExactly("nosniff");

            assertThat(server.get(content, admin).body()).isEqualTo(MARKDOWN);
            assertThat(server.get("/v1/ai/artifacts?brandId=brand-1", admin).json().get("items").get(0)
                    .get("id").asText()).isEqualTo(artifactId);
            for (String outsider : List.of(colleague, stranger)) {
                assertThat(server.get(content, outsider).status()).isEqualTo(404);
                RunningServer.Response metadata = server.get("/v1/ai/artifacts/" + artifactId, outsider);
                assertThat(metadata.status()).isEqualTo(404);
                assertThat(metadata.json().get("code").asText()).isEqualTo("not_found");
            }
            assertThat(server.get("/v1/ai/artifacts?brandId=brand-1", colleague).json().get("items")).isEmpty();

            assertStoredPrivatelyUnderTheDataDir();

            server = server.restart();
            assertThat(server.get(content, owner).body()).as("kept across a restart").isEqualTo(MARKDOWN);
        } finally {
            server.close();
        }
    }

    /** One 0600 file in a 0700 folder under $AI_DATA_DIR/artifacts, named by neither the user nor the title. */
    private void assertStoredPrivatelyUnderTheDataDir() throws IOException {
        Path root = dataDir.resolve("artifacts");
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            assertThat(files).hasSize(1);
            Path file = files.get(0);
            assertThat(Files.readString(file)).isEqualTo(MARKDOWN);
            assertThat(root.relativize(file).toString()).doesNotContain("store-ann", "Week");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .isEqualTo("rwx------");
        }
    }
}
