package com.chimti.ai.core.service.chat;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.ProposalOutcome;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.service.action.CreateTaskNoteHandler;
import com.chimti.ai.core.service.action.DraftCustomerMessageHandler;
import com.chimti.ai.core.service.chat.ConversationService;
import com.chimti.ai.core.service.chat.TurnProposals;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.OneShotFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A chat turn's proposal channel: what is offered, what the model hears back, what is recorded and streamed. */
class ChatTurnProposalsTest {
    private final CoreFixture core = new CoreFixture();
    private final ConversationService conversation = core.conversationServiceWithActions();
    private final Caller alice = aCaller().user("alice").build();

    private static Map<String, Object> note(String brand) {
        return Map.of("title", "Call the supplier back", "brandId", brand);
    }

    private AiChat chatOf(Caller caller) {
        return core.chatService.create(new CreateChatCommand(caller, "t", new BrandId("b1"), null));
    }

    private TurnResult send(Caller caller, AiChat chat, TurnEvents events) {
        return conversation.send(new SendMessageCommand(caller, chat.id(), "please note it"), events);
    }

    @Test
    void aProposalIsRecordedForTheCallerAndChatStreamedAndListedOnTheAnswer() {
        AiChat chat = chatOf(alice);
        core.provider.proposing(CreateTaskNoteHandler.TYPE, note("b1"));
        List<AiAction> heard = new CopyOnWriteArrayList<>();

        TurnResult turn = send(alice, chat, new TurnEvents() {
            @Override
            public void onAction(AiAction action) {
                heard.add(action);
            }
        });

        AiAction action = core.actionService.list(alice, chat.id()).get(0);
        assertThat(action.status()).isEqualTo(ActionStatus.PROPOSED);
        assertThat(action.owner()).isEqualTo(alice.tenantUser());
        assertThat(action.chatId()).isEqualTo(chat.id());
        assertThat(action.input()).containsEntry("title", "Call the supplier back").containsEntry("brandId", "b1");
        assertThat(heard).extracting(AiAction::id).containsExactly(action.id());
        assertThat(turn.assistantMessage().metadata()).containsEntry("actionIds", List.of(action.id().value()));
        ProposalOutcome outcome = core.provider.outcomes().get(0);
        assertThat(outcome.accepted()).isTrue();
        assertThat(outcome.message()).contains(action.id().value()).contains("awaits the user's confirmation")
                .contains("NOT been carried out");
        assertThat(turn.assistantMessage().content()).contains("awaits the user's confirmation");
        assertThat(core.taskNotes.all()).isEmpty(); // the model only proposed: nothing ran
    }

    @Test
    void rejectionReasonsReachTheModel() {
        AiChat chat = chatOf(alice);
        core.provider.proposing(CreateTaskNoteHandler.TYPE, note("b9"));

        TurnResult turn = send(alice, chat, TurnEvents.NONE);

        ProposalOutcome outcome = core.provider.outcomes().get(0);
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.status()).isEqualTo(ActionStatus.REJECTED);
        assertThat(outcome.message()).contains("rejected").contains("out_of_scope")
                .contains("brand is outside the caller's scope").contains("Nothing was done");
        assertThat(turn.assistantMessage().content()).contains("out_of_scope");
        AiAction stored = core.actionService.get(alice, outcome.action().id());
        assertThat(stored.status()).isEqualTo(ActionStatus.REJECTED);
        assertThat(stored.result()).containsEntry("reason", "out_of_scope");
        assertThat(turn.assistantMessage().metadata()).containsEntry("actionIds", List.of(stored.id().value()));
    }

    @Test
    void anUnknownTypeIsRecordedAsRejectedAndTheModelHearsWhy() {
        AiChat chat = chatOf(alice);
        core.provider.proposing("run_shell_command", Map.of("command", "rm -rf /"));

        send(alice, chat, TurnEvents.NONE);

        ProposalOutcome outcome = core.provider.outcomes().get(0);
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.message()).contains("unknown_type");
        assertThat(core.actionService.get(alice, outcome.action().id()).status()).isEqualTo(ActionStatus.REJECTED);
    }

    @Test
    void onlyTheActionTypesTheCallersRolesAllowAreOffered() {
        Caller workshop = aCaller().user("wendy").roles(Role.WORKSHOP).aiAccess(true).build();
        send(workshop, chatOf(workshop), TurnEvents.NONE);
        Caller admin = aCaller().user("adam").build();
        send(admin, chatOf(admin), TurnEvents.NONE);

        List<CompletionRequest> requests = core.provider.requests();
        assertThat(requests.get(0).proposals().offered()).extracting(ActionSpec::actionType)
                .containsExactly(CreateTaskNoteHandler.TYPE);
        assertThat(requests.get(1).proposals().offered()).extracting(ActionSpec::actionType)
                .containsExactlyInAnyOrder(CreateTaskNoteHandler.TYPE, DraftCustomerMessageHandler.TYPE);
    }

    @Test
    void aTypeNotOfferedToTheCallerIsStillCheckedAndRejected() {
        Caller workshop = aCaller().user("wendy").roles(Role.WORKSHOP).aiAccess(true).build();
        core.provider.proposing(DraftCustomerMessageHandler.TYPE, Map.of("customerName", "Ada", "channel", "sms",
                "body", "Ready", "brandId", "b1"));

        send(workshop, chatOf(workshop), TurnEvents.NONE);

        ProposalOutcome outcome = core.provider.outcomes().get(0);
        assertThat(outcome.accepted()).isFalse();
        assertThat(outcome.message()).contains("role_not_allowed");
        assertThat(core.messageDrafts.all()).isEmpty();
    }

    @Test
    void proposalsComeOnlyFromChatTurnsAndOnlyForTheirCaller() {
        Caller bob = aCaller().user("bob").build();
        AiChat chat = chatOf(alice);
        core.provider.proposing(CreateTaskNoteHandler.TYPE, note("b1"));
        send(alice, chat, TurnEvents.NONE);

        // the same model in a one-shot call gets no channel: nothing is recorded
        OneShotFixture.service(core, OneShotFixture.SMALL_CAPS).ask(AskOnceCommand.chat(alice, "note it", null),
                TurnListener.NONE);
        // a conversation without actions wired offers nothing either
        core.conversationService.send(new SendMessageCommand(alice, chat.id(), "again"), TurnEvents.NONE);

        List<CompletionRequest> requests = core.provider.requests();
        assertThat(requests.get(0).proposals().offered()).isNotEmpty();
        assertThat(requests.get(1).proposals().isEmpty()).isTrue();
        assertThat(requests.get(2).proposals().isEmpty()).isTrue();
        assertThat(core.provider.outcomes().get(1).recorded()).isFalse();
        assertThat(core.provider.outcomes().get(2).recorded()).isFalse();
        assertThat(core.actionService.list(alice, null)).singleElement()
                .satisfies(a -> assertThat(a.chatId()).isEqualTo(chat.id()));
        assertThat(core.actionService.list(bob, null)).isEmpty();
    }

    @Test
    void aLoopingModelIsStoppedAfterTheCapPerTurn() {
        AiChat chat = chatOf(alice);
        List<ProposalOutcome> outcomes = new ArrayList<>();
        core.provider.answering(r -> {
            for (int i = 0; i < TurnProposals.MAX_PER_TURN + 2; i++) {
                outcomes.add(r.proposals().propose(CreateTaskNoteHandler.TYPE, note("b1")));
            }
            return new CompletionResult("done", new TokenUsage(1, 1), r.model(), TurnOutcome.COMPLETED);
        });

        TurnResult turn = send(alice, chat, TurnEvents.NONE);

        assertThat(outcomes.subList(0, TurnProposals.MAX_PER_TURN)).allMatch(ProposalOutcome::accepted);
        assertThat(outcomes.subList(TurnProposals.MAX_PER_TURN, outcomes.size()))
                .allSatisfy(o -> assertThat(o.message()).contains("at most " + TurnProposals.MAX_PER_TURN));
        assertThat(core.actionService.list(alice, chat.id())).hasSize(TurnProposals.MAX_PER_TURN);
        assertThat((List<?>) turn.assistantMessage().metadata().get("actionIds"))
                .hasSize(TurnProposals.MAX_PER_TURN);
    }

    @Test
    void aTurnWithoutProposalsHasNoActionIds() {
        TurnResult turn = send(alice, chatOf(alice), TurnEvents.NONE);

        assertThat(turn.assistantMessage().metadata()).doesNotContainKey("actionIds");
    }
}
