package com.chimti.ai.core.service;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.NewArtifact;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.testing.CoreFixture;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The same {@code sub} under two clients is two users: nothing one owns (actions, artifacts, model choice) is
 * found, listed, confirmed or rejected by the other, and a chat filter naming a chat the caller cannot see is 404.
 * Both are admins of a brand with the same id, the case where a crossing confirm would have written a note.
 */
class TenancyTest {
    private final CoreFixture fx = new CoreFixture();
    private final Caller inA = aCaller().user("sam").client("client-a").build();
    private final Caller inB = aCaller().user("sam").client("client-b").build();

    private AiChat chatOf(Caller caller) {
        return fx.chatService.create(new CreateChatCommand(caller, null, new BrandId("b1"), null));
    }

    private AiAction proposalIn(AiChat chat, Caller caller) {
        return fx.actionService.propose(caller, chat.id(), "create_task_note",
                Map.of("title", "Call the supplier", "brandId", "b1"));
    }

    @Test
    void theIdentityIsTheSubWithinItsClient() {
        assertThat(inA.tenantUser()).isEqualTo(TenantUser.of(inA)).isNotEqualTo(inB.tenantUser());
        assertThat(inA.tenantUser().userId()).isEqualTo(inB.tenantUser().userId());
        assertThatThrownBy(() -> new TenantUser(null, inA.userId())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TenantUser(inA.clientId(), null)).isInstanceOf(NullPointerException.class);
        assertThat(inA.tenantUser().toString()).doesNotContain("sam", "client-a");
    }

    @Test
    void anotherClientsProposalIsNeitherListedReadConfirmedNorRejected() {
        AiChat chat = chatOf(inA);
        AiAction proposed = proposalIn(chat, inA);
        assertThat(proposed.status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(proposed.owner()).isEqualTo(inA.tenantUser());

        assertThat(fx.actionService.list(inB, null)).isEmpty();
        assertThatThrownBy(() -> fx.actionService.list(inB, chat.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.actionService.get(inB, proposed.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.actionService.confirm(inB, proposed.id()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.actionService.reject(inB, proposed.id()))
                .isInstanceOf(NotFoundException.class);

        // nothing was written: the proposal is unmoved and no note exists
        assertThat(fx.actions.findById(proposed.id()).orElseThrow().status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(fx.taskNotes.all()).isEmpty();

        // its owner confirms, and the note carries the proposal's own client
        assertThat(fx.actionService.confirm(inA, proposed.id()).status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(fx.taskNotes.all()).singleElement()
                .satisfies(note -> assertThat(note.clientId()).isEqualTo(inA.clientId()));
    }

    @Test
    void aProposalCannotNameAnotherClientsChat() {
        AiChat chat = chatOf(inA);
        assertThatThrownBy(() -> proposalIn(chat, inB)).isInstanceOf(NotFoundException.class);
        assertThat(fx.actions.findByOwner(inB.tenantUser(), null)).isEmpty();
    }

    @Test
    void anActionFilterOnAnotherUsersChatIs404() {
        AiChat someoneElses = chatOf(aCaller().user("someone-else").client("client-a").build());
        assertThatThrownBy(() -> fx.actionService.list(inA, someoneElses.id()))
                .isInstanceOf(NotFoundException.class);
        assertThat(fx.actionService.list(inA, chatOf(inA).id())).isEmpty();
    }

    @Test
    void artifactsOfAnotherClientAreNotListedOrReadAndTheirChatFilterIs404() {
        AiChat chat = chatOf(inA);
        AiArtifact written = fx.artifactService.write(new NewArtifact(inA, chat.id(), new BrandId("b1"), "note",
                "summary", "text/plain", new byte[] {1, 2, 3}, Map.of()));

        assertThat(fx.artifactService.list(inA, chat.id(), null)).extracting(AiArtifact::id)
                .containsExactly(written.id());
        assertThat(fx.artifactService.list(inB, null, null)).isEmpty();
        assertThat(fx.artifactService.list(inB, null, new BrandId("b1"))).isEmpty();
        assertThatThrownBy(() -> fx.artifactService.list(inB, chat.id(), null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.artifactService.get(inB, written.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> fx.artifactService.open(inB, written.id())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anArtifactWithoutAClientIsNoOnesAnyMore() {
        AiArtifact legacy = new AiArtifact(com.chimti.ai.core.domain.artifact.ArtifactId.newId(), inA.userId(), null, null,
                null, "note", "old", new com.chimti.ai.core.domain.artifact.StorageKey("mem/old"), "text/plain", 0, Map.of(),
                fx.clock.instant());
        assertThat(legacy.readableBy(inA)).isFalse();
        assertThat(legacy.readableBy(inB)).isFalse();
    }

    @Test
    void theModelChoiceIsPerClient() {
        fx.accountService.choose(inA, null, "fake-2");
        assertThat(fx.accountService.catalog(inA, null).current()).isEqualTo("fake-2");
        assertThat(fx.accountService.catalog(inB, null).current()).isNotEqualTo("fake-2");
        assertThat(fx.settings.find(inB.tenantUser(), fx.provider.id())).isEmpty();
    }
}
