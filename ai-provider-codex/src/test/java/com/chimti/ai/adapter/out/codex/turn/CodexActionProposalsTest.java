package com.chimti.ai.adapter.out.codex.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.codex.CodexProvider;
import com.chimti.ai.adapter.out.codex.CodexSettings.ExecMode;
import com.chimti.ai.adapter.out.codex.CodexSettings;
import com.chimti.ai.adapter.out.codex.RealCliTestBase;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.action.ActionField;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionProposals;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.ProposalOutcome;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.testing.InMemoryLoginRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The model proposes an action through the Codex dynamic tool: the real pinned CLI against the fake OpenAI. */
class CodexActionProposalsTest extends RealCliTestBase {
    private static final ActionSpec NOTE = new ActionSpec("create_task_note",
            List.of(ActionField.requiredText("title", 200), ActionField.brand(true)), EnumSet.of(Role.BRAND_ADMIN),
            true);
    private CodexProvider provider;
    private final TenantUser alice = new TenantUser(new ClientId("client-1"), new UserId("user-alice"));

    @AfterEach
    void stop() {
        fake.reset();
        if (provider != null) {
            provider.close();
        }
    }

    /** Records what the model proposed and answers with the given status (and reason, when rejected). */
    private static final class Recorder implements ActionProposals {
        final List<String> types = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> inputs = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        private final ActionStatus status;

        Recorder(ActionStatus status) {
            this.status = status;
        }

        @Override
        public List<ActionSpec> offered() {
            return List.of(NOTE);
        }

        @Override
        public ProposalOutcome propose(String actionType, Map<String, Object> input) {
            types.add(actionType);
            inputs.add(input);
            threads.add(Thread.currentThread().getName());
            Map<String, Object> result = status == ActionStatus.REJECTED
                    ? Map.of("reason", "out_of_scope", "detail", "brand is outside the caller's scope") : Map.of();
            return ProposalOutcome.recorded(new AiAction(new ActionId("act-1"), null,
                    new TenantUser(new ClientId("client-1"), new UserId("user-alice")),
                    actionType, status, input, result, Instant.now(), null));
        }
    }

    private CodexProvider provider(ExecMode mode) {
        CodexSettings settings = settings(mode);
        provider = new CodexProvider(settings, new InMemoryLoginRepository(), Clock.systemUTC());
        provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret("sk-alice")));
        return provider;
    }

    private CompletionRequest turn(ChatId chat, List<PromptMessage> messages, ActionProposals proposals) {
        return new CompletionRequest(alice, null, null, chat, messages, null, null, Duration.ofSeconds(60), null,
                proposals);
    }

    private static List<PromptMessage> ask(String text) {
        return new ArrayList<>(List.of(new PromptMessage(MessageRole.USER, text)));
    }

    @Test
    void theModelProposesThroughTheToolAndTheAnswerGoesOnAfterTheResult() {
        provider(ExecMode.APP_SERVER);
        Recorder proposals = new Recorder(ActionStatus.PROPOSED);
        fake.proposeOnNextTurn("propose_action",
                "{\"actionType\":\"create_task_note\",\"input\":{\"title\":\"Call the supplier\",\"brandId\":\"b1\"}}");

        CompletionResult result = provider.complete(turn(ChatId.newId(), ask("note it"), proposals));

        assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(proposals.types).containsExactly("create_task_note");
        assertThat(proposals.inputs).containsExactly(Map.of("title", "Call the supplier", "brandId", "b1"));
        // answered on the turn's own thread, not the app-server's reader thread
        assertThat(proposals.threads).noneMatch(name -> name.startsWith("codex-app-server"));
        assertThat(fake.toolOutputs()).singleElement().satisfies(output -> assertThat(output)
                .contains("act-1").contains("awaits the user's confirmation").contains("NOT been carried out"));
        assertThat(result.text()).startsWith("Tool said: ").contains("awaits the user's confirmation");
        String firstBody = fake.responseBodies().get(fake.responseBodies().size() - 2);
        assertThat(firstBody).contains("\"propose_action\"").contains("create_task_note")
                .contains("You cannot carry out actions yourself");
    }

    @Test
    void aRejectionAndItsReasonReachTheModel() {
        provider(ExecMode.APP_SERVER);
        Recorder proposals = new Recorder(ActionStatus.REJECTED);
        fake.proposeOnNextTurn("propose_action",
                "{\"actionType\":\"create_task_note\",\"input\":{\"title\":\"x\",\"brandId\":\"elsewhere\"}}");

        CompletionResult result = provider.complete(turn(ChatId.newId(), ask("note it"), proposals));

        assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(fake.toolOutputs()).singleElement().satisfies(output -> assertThat(output)
                .contains("rejected").contains("out_of_scope").contains("brand is outside the caller's scope"));
        assertThat(result.text()).contains("out_of_scope");
    }

    @Test
    void twoProposalsInOneTurnAreAnsweredInOrder() {
        provider(ExecMode.APP_SERVER);
        Recorder proposals = new Recorder(ActionStatus.PROPOSED);
        fake.proposeOnNextTurn("propose_action",
                "{\"actionType\":\"create_task_note\",\"input\":{\"title\":\"first\",\"brandId\":\"b1\"}}",
                "{\"actionType\":\"create_task_note\",\"input\":{\"title\":\"second\",\"brandId\":\"b1\"}}");

        CompletionResult result = provider.complete(turn(null, ask("two notes"), proposals));

        assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(proposals.inputs).extracting(i -> i.get("title")).containsExactly("first", "second");
        assertThat(fake.toolOutputs()).hasSize(2);
    }

    @Test
    void noToolIsOfferedWithoutProposals() {
        provider(ExecMode.APP_SERVER);

        CompletionResult result = provider.complete(turn(ChatId.newId(), ask("hi"), null));

        assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(fake.lastOfferedTools()).isNotEmpty().doesNotContain("propose_action");
    }

    @Test
    void aChatThreadIsRebuiltWhenTheOfferedToolsChangeAndResumedWhileTheyStay() throws Exception {
        provider(ExecMode.APP_SERVER);
        ChatId chat = ChatId.newId();
        Path threadFile = ChatThreads.file(dir.resolve("profiles/codex").resolve(provider.profileId(alice)), chat);
        List<PromptMessage> history = ask("first");
        CompletionResult first = provider.complete(turn(chat, history, null));
        String withoutTools = Files.readString(threadFile).lines().findFirst().orElseThrow();
        assertThat(fake.lastOfferedTools()).doesNotContain("propose_action");

        history.add(new PromptMessage(MessageRole.ASSISTANT, first.text()));
        history.add(new PromptMessage(MessageRole.USER, "second"));
        CompletionResult second = provider.complete(turn(chat, history, new Recorder(ActionStatus.PROPOSED)));
        String withTools = Files.readString(threadFile).lines().findFirst().orElseThrow();
        assertThat(withTools).isNotEqualTo(withoutTools);
        assertThat(fake.lastOfferedTools()).contains("propose_action");
        assertThat(fake.responseBodies().get(fake.responseBodies().size() - 1)).contains("Conversation so far");

        history.add(new PromptMessage(MessageRole.ASSISTANT, second.text()));
        history.add(new PromptMessage(MessageRole.USER, "third"));
        provider.complete(turn(chat, history, new Recorder(ActionStatus.PROPOSED)));
        assertThat(Files.readString(threadFile).lines().findFirst().orElseThrow()).isEqualTo(withTools);
        assertThat(fake.lastOfferedTools()).contains("propose_action");
        // resumed: only the new message was sent, not the folded history
        assertThat(fake.responseBodies().get(fake.responseBodies().size() - 1)).contains("\"text\":\"third\"");
    }

    @Test
    void execModeOffersNoToolAndStillAnswers() {
        provider(ExecMode.EXEC);
        Recorder proposals = new Recorder(ActionStatus.PROPOSED);
        fake.reply("Plain answer.");

        CompletionResult result = provider.complete(turn(ChatId.newId(), ask("note it"), proposals));

        assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(result.text()).isEqualTo("Plain answer.");
        assertThat(fake.lastOfferedTools()).doesNotContain("propose_action");
        assertThat(proposals.types).isEmpty();
    }
}
