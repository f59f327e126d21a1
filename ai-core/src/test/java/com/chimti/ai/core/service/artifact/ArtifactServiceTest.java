package com.chimti.ai.core.service.artifact;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.NewArtifact;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.ArtifactLimits;
import com.chimti.ai.core.domain.artifact.ArtifactTooLargeException;
import com.chimti.ai.core.domain.artifact.UnsupportedContentTypeException;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.tenancy.AiNotEnabledException;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.ArtifactContent;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.service.action.ActionRegistry;
import com.chimti.ai.core.service.action.ActionService;
import com.chimti.ai.core.service.action.ExportSummaryHandler;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.InMemoryAuditTrail;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArtifactServiceTest {
    private final CoreFixture fx = new CoreFixture();
    private final ArtifactService service = fx.artifactService;
    /** A store user of client c1, brand b1, with the AI permission. */
    private final Caller owner = aCaller().user("owner").brands("b1").roles(Role.STORE).aiAccess(true).build();

    private AiArtifact write(Caller who, String brand, String mimeType, byte[] content) {
        return service.write(new NewArtifact(who, null, brand == null ? null : new BrandId(brand), "note",
                "Stock count", mimeType, content, Map.of()));
    }

    private AiArtifact writeText(Caller who, String brand) {
        return write(who, brand, "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aConfirmedExportWritesAMarkdownArtifactTheOwnerCanDownload() {
        ActionService actions = fx.actionService(new ActionRegistry(List.of(new ExportSummaryHandler(service))));
        AiChat chat = fx.chatService.create(new CreateChatCommand(owner, null, new BrandId("b1"), null));
        AiAction proposed = actions.propose(owner, chat.id(), ExportSummaryHandler.TYPE,
                Map.of("title", "Week\n12", "summary", "Sales are *up*.", "brandId", "b1"));

        AiAction done = actions.confirm(owner, proposed.id());

        assertThat(done.status()).isEqualTo(ActionStatus.EXECUTED);
        ArtifactId id = new ArtifactId((String) done.result().get("artifactId"));
        ArtifactContent content = service.open(owner, id);
        assertThat(new String(content.bytes(), StandardCharsets.UTF_8)).isEqualTo("# Week 12\n\nSales are *up*.\n");
        AiArtifact artifact = content.artifact();
        assertThat(artifact.mimeType()).isEqualTo("text/markdown");
        assertThat(artifact.sizeBytes()).isEqualTo(content.bytes().length).isEqualTo(done.result().get("sizeBytes"));
        assertThat(artifact.clientId()).isEqualTo(owner.clientId());
        assertThat(artifact.brandId()).isEqualTo(new BrandId("b1"));
        assertThat(artifact.chatId()).isEqualTo(chat.id());
        assertThat(artifact.type()).isEqualTo(ExportSummaryHandler.ARTIFACT_TYPE);
        assertThat(artifact.metadata()).containsEntry("actionId", proposed.id().value());
        assertThat(service.list(owner, chat.id(), null)).extracting(AiArtifact::id).containsExactly(id);
    }

    @Test
    void aContentTypeOffTheAllowlistIsRefusedAndNothingIsStored() {
        assertThatThrownBy(() -> write(owner, "b1", "text/html", new byte[] {1}))
                .isInstanceOf(UnsupportedContentTypeException.class).hasMessageContaining("text/html");
        assertThatThrownBy(() -> write(owner, "b1", "../../etc/passwd", new byte[] {1}))
                .isInstanceOf(UnsupportedContentTypeException.class).hasMessageNotContaining("passwd");
        assertThatThrownBy(() -> write(owner, "b1", null, new byte[] {1}))
                .isInstanceOf(UnsupportedContentTypeException.class);
        assertThat(fx.artifacts.all()).isEmpty();
        assertThat(fx.artifactStore.size()).isZero();
    }

    @Test
    void parametersAndCaseOfAnAllowedTypeAreDropped() {
        AiArtifact artifact = write(owner, "b1", "Text/Plain; charset=UTF-8", new byte[] {'a'});
        assertThat(artifact.mimeType()).isEqualTo("text/plain");
    }

    @Test
    void contentOverTheSizeCapIsRefusedAndNothingIsStored() {
        ArtifactService small = new ArtifactService(fx.artifacts, fx.artifactStore, fx.chats, fx.accessPolicy,
                new ArtifactLimits(Set.of("text/plain"), 10), fx.audit, fx.clock);
        assertThat(small.write(new NewArtifact(owner, null, null, "note", "ten", "text/plain", new byte[10],
                Map.of())).sizeBytes()).isEqualTo(10);
        assertThatThrownBy(() -> small.write(new NewArtifact(owner, null, null, "note", "eleven", "text/plain",
                new byte[11], Map.of()))).isInstanceOf(ArtifactTooLargeException.class);
        assertThat(fx.artifacts.all()).hasSize(1);
        assertThat(fx.artifactStore.size()).isEqualTo(1);
    }

    @Test
    void aHandlerThatHitsALimitFailsTheActionWithTheRulesMessage() {
        ArtifactService tiny = new ArtifactService(fx.artifacts, fx.artifactStore, fx.chats, fx.accessPolicy,
                new ArtifactLimits(Set.of("text/markdown"), 8), fx.audit, fx.clock);
        ActionService actions = fx.actionService(new ActionRegistry(List.of(new ExportSummaryHandler(tiny))));
        AiAction proposed = actions.propose(owner, null, ExportSummaryHandler.TYPE,
                Map.of("title", "Long", "summary", "more than eight bytes", "brandId", "b1"));

        AiAction failed = actions.confirm(owner, proposed.id());

        assertThat(failed.status()).isEqualTo(ActionStatus.FAILED);
        assertThat(failed.result().get("error").toString()).contains("at most 8 bytes");
        assertThat(fx.artifactStore.size()).isZero();
    }

    @Test
    void aBrandOutsideTheOwnersScopeIsRefused() {
        assertThatThrownBy(() -> writeText(owner, "b2")).isInstanceOf(OutOfScopeException.class);
        assertThat(fx.artifactStore.size()).isZero();
    }

    @Test
    void theBytesGoWhenTheRecordCannotBeWritten() {
        fx.artifacts.failInserts(true);
        assertThatThrownBy(() -> writeText(owner, "b1")).isInstanceOf(IllegalStateException.class);
        assertThat(fx.artifactStore.size()).isZero();
    }

    @Test
    void theOwnerAndAnAdminOfTheBrandInTheSameClientMayReadEveryoneElseGetsNotFound() {
        AiArtifact artifact = writeText(owner, "b1");
        ArtifactId id = artifact.id();
        Caller brandAdmin = aCaller().user("admin").brands("b1").roles(Role.BRAND_ADMIN).build();
        Caller superadmin = aCaller().user("super").brands("b1", "b2").roles(Role.BRAND_SUPERADMIN).build();

        assertThat(service.get(owner, id)).isEqualTo(artifact);
        assertThat(service.open(brandAdmin, id).bytes()).asString(StandardCharsets.UTF_8).isEqualTo("hello");
        assertThat(service.get(superadmin, id).id()).isEqualTo(id);

        List<Caller> outsiders = List.of(
                aCaller().user("colleague").brands("b1").roles(Role.STORE).aiAccess(true).build(),
                aCaller().user("other-brand-admin").brands("b2").roles(Role.BRAND_ADMIN).build(),
                aCaller().user("other-client-admin").client("c2").brands("b1").roles(Role.BRAND_ADMIN).build(),
                aCaller().user("owner").client("c2").brands("b1").roles(Role.STORE).aiAccess(true).build());
        for (Caller outsider : outsiders) {
            assertThatThrownBy(() -> service.get(outsider, id)).as(outsider.userId().value())
                    .isInstanceOf(NotFoundException.class);
            assertThatThrownBy(() -> service.open(outsider, id)).isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> service.get(owner, ArtifactId.newId())).isInstanceOf(NotFoundException.class)
                .hasMessage("artifact not found");
    }

    @Test
    void anArtifactWithoutABrandIsItsOwnersOnly() {
        AiArtifact artifact = writeText(owner, null);
        assertThat(service.get(owner, artifact.id())).isEqualTo(artifact);
        Caller admin = aCaller().user("admin").brands("b1").roles(Role.BRAND_ADMIN).build();
        assertThatThrownBy(() -> service.get(admin, artifact.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void listsOwnArtifactsOrAsAdminTheWholeBrandOfTheClient() {
        Caller colleague = aCaller().user("colleague").brands("b1", "b2").roles(Role.STORE).aiAccess(true)
                .build();
        Caller admin = aCaller().user("admin").brands("b1").roles(Role.BRAND_ADMIN).build();
        AiArtifact mine = writeText(owner, "b1");
        AiArtifact theirs = writeText(colleague, "b1");
        AiArtifact theirsB2 = writeText(colleague, "b2");
        writeText(aCaller().user("far").client("c2").brands("b1").roles(Role.STORE).aiAccess(true).build(), "b1");

        assertThat(service.list(owner, null, null)).extracting(AiArtifact::id).containsExactly(mine.id());
        Caller sameIdOtherClient = aCaller().user("owner").client("c2").brands("b1").roles(Role.STORE)
                .aiAccess(true).build();
        assertThat(service.list(sameIdOtherClient, null, null)).isEmpty();
        assertThat(service.list(colleague, null, null)).extracting(AiArtifact::id)
                .containsExactlyInAnyOrder(theirs.id(), theirsB2.id());
        assertThat(service.list(colleague, null, new BrandId("b2"))).extracting(AiArtifact::id)
                .containsExactly(theirsB2.id());
        assertThat(service.list(admin, null, new BrandId("b1"))).extracting(AiArtifact::id)
                .containsExactlyInAnyOrder(mine.id(), theirs.id());
        assertThat(service.list(admin, null, null)).isEmpty();
        assertThatThrownBy(() -> service.list(admin, null, new BrandId("b2")))
                .isInstanceOf(OutOfScopeException.class);
    }

    @Test
    void withoutTheAiModuleNothingIsListedReadOrWritten() {
        AiArtifact artifact = writeText(owner, "b1");
        Caller off = aCaller().user("owner").brands("b1").roles(Role.STORE).aiAccess(true).modules().build();
        assertThatThrownBy(() -> service.list(off, null, null)).isInstanceOf(AiNotEnabledException.class);
        assertThatThrownBy(() -> service.get(off, artifact.id())).isInstanceOf(AiNotEnabledException.class);
        assertThatThrownBy(() -> writeText(off, "b1")).isInstanceOf(AiNotEnabledException.class);
    }

    @Test
    void contentThatVanishedOrChangedSizeIsAServerFaultNotADownload() {
        AiArtifact artifact = writeText(owner, "b1");
        fx.artifactStore.corrupt(artifact.storageKey(), new byte[] {1});
        assertThatThrownBy(() -> service.open(owner, artifact.id())).isInstanceOf(IllegalStateException.class);
        fx.artifactStore.delete(artifact.storageKey());
        assertThatThrownBy(() -> service.open(owner, artifact.id())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void limitsRejectABadConfiguration() {
        assertThatThrownBy(() -> new ArtifactLimits(Set.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArtifactLimits(Set.of("Text/Plain"), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArtifactLimits(Set.of("text/plain; charset=utf-8"), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArtifactLimits(Set.of("text/plain"), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ArtifactLimits.DEFAULTS.maxBytes()).isEqualTo(5L * 1024 * 1024);
    }

    @Test
    void theOwnerDeletesAnArtifactOnceAndNobodyElseSeesItToDelete() {
        ArtifactService audited = fx.artifactService;
        InMemoryAuditTrail audit = fx.audit;
        AiArtifact artifact = writeText(owner, "b1");
        Caller brandAdmin = aCaller().user("admin").brands("b1").roles(Role.BRAND_ADMIN).build();
        Caller sameSubOtherClient = aCaller().user("owner").client("c2").brands("b1").roles(Role.STORE)
                .aiAccess(true).build();
        assertThat(audited.get(brandAdmin, artifact.id())).isEqualTo(artifact); // may read it, not delete it

        for (Caller stranger : List.of(brandAdmin, sameSubOtherClient)) {
            assertThatThrownBy(() -> audited.delete(stranger, artifact.id())).isInstanceOf(NotFoundException.class);
        }
        assertThat(fx.artifactStore.read(artifact.storageKey())).isPresent();

        audited.delete(owner, artifact.id());

        assertThat(fx.artifacts.findById(artifact.id())).isEmpty();
        assertThat(fx.artifactStore.read(artifact.storageKey())).isEmpty();
        assertThatThrownBy(() -> audited.delete(owner, artifact.id())).isInstanceOf(NotFoundException.class);
        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(com.chimti.ai.core.domain.audit.AuditEventType.ARTIFACT_DELETED);
            assertThat(event.actor()).isEqualTo(owner.userId());
            assertThat(event.details()).containsEntry("artifactId", artifact.id().value());
        });
    }
}
