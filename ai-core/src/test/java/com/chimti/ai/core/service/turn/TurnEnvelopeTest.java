package com.chimti.ai.core.service.turn;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.redaction.SecretRedactor;
import com.chimti.ai.core.domain.skill.SkillCatalog;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.domain.turn.ServerDrainingException;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.service.chat.ChatActions;
import com.chimti.ai.core.service.chat.ConversationService;
import com.chimti.ai.core.service.chat.TurnSettings;
import com.chimti.ai.core.service.context.ClaimsContextSource;
import com.chimti.ai.core.service.context.ScopedContextBuilder;
import com.chimti.ai.core.service.oneshot.OneShotService;
import com.chimti.ai.core.service.provider.Providers;
import com.chimti.ai.core.service.turn.AdmissionSettings;
import com.chimti.ai.core.service.turn.TurnAdmission;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.OneShotFixture;
import com.chimti.ai.core.testing.ReservingProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The order of the one turn envelope, as chat turns and one-shot calls both see it: what a refused turn never
 * takes, and what a failed one gives back.
 */
class TurnEnvelopeTest {
    private final CoreFixture core = new CoreFixture();
    private final Caller alice = aCaller().user("alice").build();
    private final BrandId b1 = new BrandId("b1");
    private final ReservingProvider provider = new ReservingProvider(core.provider);
    private final Providers providers = new Providers(List.of(provider), List.of(core.provider), provider.id());

    /** The fixture's services on a provider that counts its reservations, with this admission. */
    private ConversationService chats(TurnAdmission admission) {
        return new ConversationService(core.chats, core.messages,
                new ScopedContextBuilder(new ClaimsContextSource(), 4000), providers, core.accessPolicy,
                SecretRedactor.standard(), TurnSettings.DEFAULTS, ChatActions.NONE, core.envelope(admission));
    }

    private OneShotService oneShots(TurnAdmission admission) {
        return new OneShotService(providers, core.modelChoice, core.accessPolicy, SkillCatalog.defaults(),
                SecretRedactor.standard(), OneShotFixture.SMALL_CAPS, core.envelope(admission));
    }

    private static TurnAdmission oneRequestPerMinute(CoreFixture core) {
        return new TurnAdmission(core.rateLimiter, new AdmissionSettings(1, 0, 0, 0, 4, 8, Duration.ZERO,
                Duration.ofSeconds(5)));
    }

    private AiChat chat() {
        return core.chatService.create(new CreateChatCommand(alice, "t", b1, null));
    }

    private void send(ConversationService service, AiChat chat, String text) {
        service.send(new SendMessageCommand(alice, chat.id(), text), TurnEvents.NONE);
    }

    @Test
    void aTurnRefusedByAdmissionHoldsNothingStoresNothingAndReservesNothing() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        TurnAdmission admission = oneRequestPerMinute(core);
        ConversationService service = chats(admission);
        AiChat chat = chat();
        send(service, chat, "one");
        int reserveCalls = core.wallets.reserveCalls();
        int stored = core.messages.all().size();

        assertThatThrownBy(() -> send(service, chat, "two")).isInstanceOf(RateLimitedException.class);

        assertThat(core.wallets.reserveCalls()).as("no hold taken").isEqualTo(reserveCalls);
        assertThat(core.wallets.openReservations()).isZero();
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow().balance()).isEqualTo(997);
        assertThat(core.messages.all()).hasSize(stored);
        assertThat(core.usage.all()).hasSize(1);
        assertThat(provider.reservations()).as("the provider was not asked").isEqualTo(1);
        assertThat(provider.open()).isZero();
        assertThat(admission.running()).isZero();
        assertThat(core.runningTurns.countAll()).isZero();
    }

    @Test
    void aProviderWithNoRoomRefusesBeforeTheHoldAndGivesTheAdmissionBack() {
        core.wallets.create(alice.clientId(), null, 1000);
        TurnAdmission admission = new TurnAdmission(core.rateLimiter, CoreFixture.GENEROUS_LIMITS);
        provider.full(true);

        assertThatThrownBy(() -> oneShots(admission).ask(AskOnceCommand.chat(alice, "hi", null), TurnListener.NONE))
                .isInstanceOf(RateLimitedException.class).hasMessageContaining("processes");

        assertThat(core.wallets.reserveCalls()).isZero();
        assertThat(core.usage.all()).isEmpty();
        assertThat(admission.running()).isZero();
        assertThat(core.provider.requests()).isEmpty();
        provider.full(false);
        oneShots(admission).ask(AskOnceCommand.chat(alice, "again", null), TurnListener.NONE); // nothing kept
    }

    @Test
    void aProviderFailureEndsTheHoldAndGivesBackTheProcessSlotAndTheAdmission() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        TurnAdmission admission = new TurnAdmission(core.rateLimiter, CoreFixture.GENEROUS_LIMITS);
        ConversationService service = chats(admission);
        AiChat chat = chat();
        core.provider.answering(r -> {
            throw new ProviderFailureException("the CLI crashed");
        });

        assertThatThrownBy(() -> send(service, chat, "hi")).isInstanceOf(ProviderFailureException.class);

        assertThat(core.wallets.openReservations()).isZero();
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow().balance()).as("the base price")
                .isEqualTo(999);
        assertThat(core.usage.all()).singleElement().extracting(UsageEntry::outcome).isEqualTo(TurnOutcome.FAILED);
        assertThat(provider.reservations()).isEqualTo(1);
        assertThat(provider.open()).as("the process slot is back").isZero();
        assertThat(admission.running()).isZero();
        assertThat(core.runningTurns.countAll()).isZero();
    }

    @Test
    void aCallTheUsersAccountRefusedIsFreeAndHoldsNothingAfterwards() {
        Wallet wallet = core.wallets.create(alice.clientId(), null, 1000);
        core.provider.answering(r -> {
            throw new ProviderNotConnectedException("connect your account first");
        });

        assertThatThrownBy(() -> oneShots(core.admission).ask(AskOnceCommand.chat(alice, "hi", null),
                TurnListener.NONE)).isInstanceOf(ProviderNotConnectedException.class);

        assertThat(core.wallets.openReservations()).isZero();
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow().balance()).isEqualTo(1000);
        assertThat(core.usage.all()).singleElement().satisfies(u -> {
            assertThat(u.outcome()).isEqualTo(TurnOutcome.FAILED);
            assertThat(u.credits()).isZero();
            assertThat(u.kind()).isEqualTo("one_shot");
        });
        assertThat(provider.open()).isZero();
    }

    @Test
    void aStepThatFailsBeforeTheCallReleasesTheHoldAndChargesNothing() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        TurnAdmission admission = new TurnAdmission(core.rateLimiter, CoreFixture.GENEROUS_LIMITS);
        TurnEnvelope envelope = core.envelope(admission);
        TurnPlan plan = new TurnPlan(alice, provider, "fake-1", b1, null, "one_shot");

        assertThatThrownBy(() -> envelope.run(plan, new FailingBeforeTheCall()))
                .isInstanceOf(IllegalStateException.class).hasMessage("could not store the question");

        assertThat(core.wallets.reserveCalls()).as("the hold was taken").isEqualTo(1);
        assertThat(core.wallets.openReservations()).as("and released").isZero();
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow().balance()).isEqualTo(1000);
        assertThat(core.usage.all()).isEmpty();
        assertThat(core.provider.requests()).isEmpty();
        assertThat(provider.open()).isZero();
        assertThat(admission.running()).isZero();
    }

    @Test
    void aDrainingServerRefusesChatTurnsAndOneShotCallsAlikeBeforeAnythingElse() {
        core.wallets.create(alice.clientId(), b1, 1000);
        AiChat chat = chat();
        core.runningTurns.drain();

        assertThatThrownBy(() -> send(chats(core.admission), chat, "hi"))
                .isInstanceOf(ServerDrainingException.class);
        assertThatThrownBy(() -> oneShots(core.admission).ask(AskOnceCommand.chat(alice, "hi", null),
                TurnListener.NONE)).isInstanceOf(ServerDrainingException.class);

        assertThat(core.messages.all()).isEmpty();
        assertThat(core.wallets.reserveCalls()).isZero();
        assertThat(provider.reservations()).isZero();
        assertThat(core.admission.running()).isZero();
        assertThat(core.usage.all()).isEmpty();
    }

    @Test
    void aRunningOneShotCallIsCountedUntilItEnds() {
        AtomicInteger duringTheCall = new AtomicInteger(-1);
        core.provider.answering(r -> {
            duringTheCall.set(core.runningTurns.countAll());
            return new CompletionResult("ok", TokenUsage.NONE, r.model(), TurnOutcome.COMPLETED);
        });

        oneShots(core.admission).ask(AskOnceCommand.chat(alice, "hi", null), TurnListener.NONE);

        assertThat(duringTheCall.get()).as("waited for by a draining server").isEqualTo(1);
        assertThat(core.runningTurns.countAll()).isZero();
    }

    /** Stores nothing: the step that builds the call fails, as a failed insert of the user's message would. */
    private static final class FailingBeforeTheCall implements TurnSteps<Void> {
        @Override
        public Sent sent() {
            return new Sent(List.of(), null);
        }

        @Override
        public CompletionRequest request(CancellationSignal cancellation, Instant started) {
            throw new IllegalStateException("could not store the question");
        }

        @Override
        public TurnListener listener() {
            return TurnListener.NONE;
        }

        @Override
        public AiMessage answer(CompletionResult result, String model, long credits, Instant started,
                                Instant finished) {
            throw new AssertionError("never answered");
        }

        @Override
        public Void result(CompletionResult result, String model, TurnSettlement settled) {
            throw new AssertionError("never settled");
        }
    }
}
