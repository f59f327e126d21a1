package com.chimti.ai.core.service.turn;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.service.oneshot.OneShotService;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.InMemoryWallets;
import com.chimti.ai.core.testing.OneShotFixture;
import org.junit.jupiter.api.Test;

/**
 * Chat turns and one-shot calls end their hold through one {@link TurnSettler}: the charge, the usage row and the
 * answer are one write; when that write fails the hold is voided, so the wallet ledger and the usage log agree.
 */
class TurnSettlerTest {
    private final CoreFixture core = new CoreFixture();
    private final Caller alice = aCaller().user("alice").build();
    private final BrandId b1 = new BrandId("b1");

    @Test
    void aChatTurnWritesItsChargeUsageRowAndAnswerInOneCommit() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        AiChat chat = newChat();

        TurnResult turn = send(chat, "hello");

        assertThat(core.settlements.commits()).isEqualTo(1);
        assertThat(turn.credits()).isEqualTo(3);
        assertThat(assistantMessages()).singleElement().satisfies(m -> {
            assertThat(m).isEqualTo(turn.assistantMessage());
            assertThat(m.metadata()).containsEntry("credits", 3L);
        });
        assertThat(core.usage.all()).singleElement().extracting(UsageEntry::credits).isEqualTo(3L);
        assertThat(chargedCredits()).isEqualTo(3);
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow().balance()).isEqualTo(997);
        assertThat(core.chats.findById(chat.id()).orElseThrow().updatedAt())
                .isEqualTo(turn.assistantMessage().createdAt());
    }

    @Test
    void aFailingWriteAfterTheModelAnsweredVoidsTheHoldAndTheLedgerAgreesWithTheUsageLog() {
        // the old failure: the model answered, the wallet was charged, then the answer could not be stored
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        AiChat chat = newChat();
        core.settlements.failNextCommits(1);

        assertThatThrownBy(() -> send(chat, "hello")).isInstanceOf(IllegalStateException.class);

        assertThat(core.provider.requests()).hasSize(1); // the model did answer
        assertThat(assistantMessages()).isEmpty();
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(1000L, 0L);
        assertThat(core.wallets.openReservations()).isZero();
        assertThat(chargedCredits()).isZero();
        // the call is still in the usage log, failed and free: both sides say 0 credits
        assertThat(core.usage.all()).singleElement().satisfies(u -> {
            assertThat(u.outcome()).isEqualTo(TurnOutcome.FAILED);
            assertThat(u.credits()).isZero();
        });
        assertThat(usageCredits()).isEqualTo(chargedCredits());
    }

    @Test
    void whenNothingCanBeWrittenNothingIsChargedEither() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        AiChat chat = newChat();
        core.settlements.failNextCommits(2);

        assertThatThrownBy(() -> send(chat, "hello")).isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));

        assertThat(core.usage.all()).isEmpty();
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(1000L, 0L);
        assertThat(core.wallets.ledger()).noneMatch(r -> "charge".equals(r.kind()));
    }

    @Test
    void aProviderFailureChargesTheBaseWithItsUsageRowInOneCommit() {
        core.wallets.create(alice.clientId(), b1, 1000);
        AiChat chat = newChat();
        core.provider.answering(request -> {
            throw new ProviderFailureException("down");
        });

        assertThatThrownBy(() -> send(chat, "hello")).isInstanceOf(ProviderFailureException.class);

        assertThat(core.settlements.commits()).isEqualTo(1);
        assertThat(chargedCredits()).isEqualTo(1);
        assertThat(core.usage.all()).singleElement().satisfies(u -> {
            assertThat(u.outcome()).isEqualTo(TurnOutcome.FAILED);
            assertThat(u.credits()).isEqualTo(1);
        });
    }

    @Test
    void aProviderFailureWhoseSettlementCannotBeWrittenStillAnswersTheProvidersFaultAndChargesNothing() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        AiChat chat = newChat();
        core.provider.answering(request -> {
            throw new ProviderFailureException("down");
        });
        core.settlements.failNextCommits(2);

        assertThatThrownBy(() -> send(chat, "hello")).isInstanceOf(ProviderFailureException.class)
                .hasMessage("down");

        assertThat(core.settlements.commits()).isEqualTo(2); // the base charge with its row, then the free row
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(1000L, 0L);
        assertThat(chargedCredits()).isZero();
        assertThat(core.usage.all()).isEmpty();
    }

    @Test
    void aOneShotCallSettlesThroughTheSamePlaceAndAFailedWriteVoidsItsHold() {
        Wallet wallet = core.wallets.create(alice.clientId(), null, 1000);
        OneShotService oneShot = OneShotFixture.service(core, OneShotFixture.SMALL_CAPS);

        oneShot.ask(AskOnceCommand.chat(alice, "hello", null), null);
        assertThat(core.settlements.commits()).isEqualTo(1);
        long afterFirst = core.wallets.byId(wallet.walletId()).orElseThrow().balance();
        assertThat(afterFirst).isLessThan(1000);
        assertThat(usageCredits()).isEqualTo(chargedCredits());

        core.settlements.failNextCommits(1);
        assertThatThrownBy(() -> oneShot.ask(AskOnceCommand.chat(alice, "again", null), null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(afterFirst, 0L);
        assertThat(core.usage.all()).hasSize(2).last().extracting(UsageEntry::outcome)
                .isEqualTo(TurnOutcome.FAILED);
        assertThat(usageCredits()).isEqualTo(chargedCredits());
    }

    @Test
    void aReservationVoidedMeanwhileIsBookedAsFreeEverywhere() {
        InMemoryWallets wallets = core.wallets;
        wallets.create(alice.clientId(), b1, 1000);
        AiChat chat = newChat();
        core.provider.answering(request -> {
            wallets.voidStale(java.time.Instant.now().plusSeconds(60)); // a sweep ends the hold mid-turn
            return new com.chimti.ai.core.domain.turn.CompletionResult("late",
                    new com.chimti.ai.core.domain.provider.TokenUsage(3, 2), request.model(), TurnOutcome.COMPLETED);
        });

        TurnResult turn = send(chat, "hello");

        assertThat(turn.credits()).isZero();
        assertThat(turn.assistantMessage().metadata()).containsEntry("credits", 0L);
        assertThat(core.usage.all()).singleElement().extracting(UsageEntry::credits).isEqualTo(0L);
        assertThat(chargedCredits()).isZero();
    }

    private long chargedCredits() {
        return -core.wallets.ledger().stream().filter(r -> "charge".equals(r.kind()))
                .mapToLong(InMemoryWallets.LedgerRow::amount).sum();
    }

    private long usageCredits() {
        return core.usage.all().stream().mapToLong(UsageEntry::credits).sum();
    }

    private java.util.List<AiMessage> assistantMessages() {
        return core.messages.all().stream().filter(m -> m.role() == MessageRole.ASSISTANT).toList();
    }

    private AiChat newChat() {
        return core.chatService.create(new CreateChatCommand(alice, "t", b1, null));
    }

    private TurnResult send(AiChat chat, String text) {
        return core.conversationService.send(new SendMessageCommand(alice, chat.id(), text), TurnEvents.NONE);
    }
}
