package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.in.web.auth.TestTokens;
import com.chimti.ai.core.domain.action.NewArtifact;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.testing.Callers;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ArtifactRoutesTest extends WebTestBase {
    private Caller owner;
    private String ownerToken;

    /** A fresh owner per test: the server and its stores live for the whole class. */
    @BeforeEach
    void newOwner() {
        owner = Callers.aCaller().user("owner-" + UUID.randomUUID()).brands("b1").roles(Role.STORE)
                .aiAccess(true).build();
        ownerToken = TestTokens.valid(owner);
    }

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder.artifacts(core.artifactService);
    }

    private AiArtifact write(Caller who, ChatId chat, String title, String mimeType, String text) {
        return core.artifactService.write(new NewArtifact(who, chat, new BrandId("b1"), "summary", title, mimeType,
                text.getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    @Test
    void listsTheCallersArtifactsInTheContractShape() {
        String chatId = createChat(ownerToken, "{\"brandId\":\"b1\"}");
        AiArtifact inChat = write(owner, new ChatId(chatId), "Week 12", "text/markdown", "# Week 12\n");
        AiArtifact elsewhere = write(owner, null, "Notes", "text/plain", "notes");

        JsonNode all = json(get("/v1/ai/artifacts", ownerToken));
        assertThat(list(all.get("items"), "id")).containsExactly(elsewhere.id().value(), inChat.id().value());

        JsonNode byChat = json(get("/v1/ai/artifacts?chatId=" + chatId, ownerToken));
        assertThat(byChat.get("items")).hasSize(1);
        JsonNode item = byChat.get("items").get(0);
        assertThat(item.get("id").asText()).isEqualTo(inChat.id().value());
        assertThat(item.get("chatId").asText()).isEqualTo(chatId);
        assertThat(item.get("brandId").asText()).isEqualTo("b1");
        assertThat(item.get("type").asText()).isEqualTo("summary");
        assertThat(item.get("title").asText()).isEqualTo("Week 12");
        assertThat(item.get("mimeType").asText()).isEqualTo("text/markdown");
        assertThat(item.get("sizeBytes").asLong()).isEqualTo(10);
        assertThat(Instant.parse(item.get("createdAt").asText())).isNotNull();
        assertThat(item.has("storageKey")).isFalse();
        assertThat(item.has("storagePath")).isFalse();
        assertThat(item.has("userId")).isFalse();

        JsonNode one = json(get("/v1/ai/artifacts/" + inChat.id(), ownerToken));
        assertThat(one).isEqualTo(item);
    }

    @Test
    void anAdminListsTheBrandAndABrandOutsideTheScopeIsForbidden() {
        AiArtifact theirs = write(owner, null, "For the admin", "text/plain", "x");
        JsonNode brand = json(get("/v1/ai/artifacts?brandId=b1", adminToken));
        assertThat(list(brand.get("items"), "id")).contains(theirs.id().value());
        assertProblem(get("/v1/ai/artifacts?brandId=b9", adminToken), 403, "forbidden");
    }

    @Test
    void downloadsTheBytesAsASafeAttachment() {
        AiArtifact artifact = write(owner, null, "../../etc/passwd\"\r\nSet-Cookie: x=y", "text/markdown",
                "# Größe\n");

        HttpResponse<String> response = get("/v1/ai/artifacts/" + artifact.id() + "/content", ownerToken);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("# Größe\n");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/markdown"));
        assertThat(response.headers().firstValue("Content-Length")).hasValue(
                Integer.toString("# Größe\n".getBytes(StandardCharsets.UTF_8).length));
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"etc_passwd_Set-Cookie_ x_y.md\"");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-store");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aLargeDownloadKeepsItsExactLengthWhenTheClientAcceptsGzip() throws Exception {
        String text = "0123456789abcdef".repeat(4096);
        AiArtifact artifact = write(owner, null, "Big", "text/csv", text);

        HttpResponse<byte[]> response = http.send(request("/v1/ai/artifacts/" + artifact.id() + "/content",
                ownerToken).header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(response.headers().firstValue("Content-Length")).hasValue(Integer.toString(text.length()));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void someoneElsesArtifactIsNotFoundLikeAMissingOne() {
        AiArtifact artifact = write(owner, null, "Private", "text/plain", "mine");
        String colleague = TestTokens.valid(Callers.aCaller().user("colleague").brands("b1").roles(Role.STORE)
                .aiAccess(true).build());
        String otherClientAdmin = TestTokens.valid(Callers.aCaller().user("far-admin").client("c9").brands("b1")
                .roles(Role.BRAND_ADMIN).build());

        for (String token : new String[] {colleague, otherClientAdmin}) {
            assertProblem(get("/v1/ai/artifacts/" + artifact.id(), token), 404, "not_found");
            HttpResponse<String> content = get("/v1/ai/artifacts/" + artifact.id() + "/content", token);
            assertProblem(content, 404, "not_found");
            assertThat(content.body()).doesNotContain("mine");
        }
        assertProblem(get("/v1/ai/artifacts/01NOPE/content", ownerToken), 404, "not_found");
        assertProblem(get("/v1/ai/artifacts/..%2F..%2Fetc%2Fpasswd/content", ownerToken), 404, "not_found");
        assertThat(json(get("/v1/ai/artifacts", colleague)).get("items")).isEmpty();
        assertThat(get("/v1/ai/artifacts/" + artifact.id() + "/content", adminToken).body()).isEqualTo("mine");
    }

    @Test
    void needsAToken() {
        assertProblem(get("/v1/ai/artifacts", null), 401, "unauthenticated");
        assertProblem(get("/v1/ai/artifacts/x/content", null), 401, "unauthenticated");
    }
}
