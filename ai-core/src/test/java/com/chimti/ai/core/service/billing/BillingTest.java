package com.chimti.ai.core.service.billing;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.billing.InsufficientCreditsException;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.AskOnceResult;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.service.oneshot.OneShotService;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.OneShotFixture;
import org.junit.jupiter.api.Test;

/** Prepaid credits around chat turns and one-shot calls, on the in-memory wallets. */
class BillingTest {
    private final CoreFixture core = new CoreFixture();
    private final Caller alice = aCaller().user("alice").build();
    private final BrandId b1 = new BrandId("b1");

    @Test
    void withoutAnyWalletBillingIsOffAndTheTurnCostsNothing() {
        AiChat chat = newChat(b1);
        TurnResult turn = send(chat, "hello");

        assertThat(turn.credits()).isZero();
        assertThat(turn.assistantMessage().metadata()).containsEntry("credits", 0L);
        assertThat(core.usage.all()).singleElement().extracting(UsageEntry::credits).isEqualTo(0L);
        assertThat(core.wallets.reserveCalls()).isZero();
    }

    @Test
    void aBrandChatChargesTheBrandWalletWithTheActualCost() {
        Wallet brand = core.wallets.create(alice.clientId(), b1, 1000);
        Wallet client = core.wallets.create(alice.clientId(), null, 1000);
        TurnResult turn = send(newChat(b1), "hello");

        // 1 base + ceil(3 * 10 / 1000) + ceil(2 * 20 / 1000)
        assertThat(turn.credits()).isEqualTo(3);
        assertThat(turn.assistantMessage().metadata()).containsEntry("credits", 3L);
        assertThat(core.usage.all()).singleElement().extracting(UsageEntry::credits).isEqualTo(3L);
        assertThat(core.wallets.byId(brand.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(997L, 0L);
        assertThat(core.wallets.byId(client.walletId()).orElseThrow().balance()).isEqualTo(1000);
        assertThat(core.wallets.openReservations()).isZero();
    }

    @Test
    void aBrandWithoutAWalletFallsBackToTheClientWallet() {
        Wallet client = core.wallets.create(alice.clientId(), null, 1000);
        send(newChat(b1), "hello");
        assertThat(core.wallets.byId(client.walletId()).orElseThrow().balance()).isEqualTo(997);
    }

    @Test
    void aWalletThatCannotCoverTheMaximumCostRefusesBeforeTheProviderAndStoresNothing() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 5);
        AiChat chat = newChat(b1);

        assertThatThrownBy(() -> send(chat, "hello")).isInstanceOf(InsufficientCreditsException.class);

        assertThat(core.provider.requests()).isEmpty();
        assertThat(core.messages.all()).isEmpty();
        assertThat(core.usage.all()).isEmpty();
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(5L, 0L);
        assertThat(core.wallets.ledger()).hasSize(1); // only the seed top-up
    }

    @Test
    void aFailedCallIsChargedTheBaseAndTheReservationEnds() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        core.provider.answering(r -> {
            throw new ProviderFailureException("boom");
        });
        AiChat chat = newChat(b1);

        assertThatThrownBy(() -> send(chat, "hello")).isInstanceOf(ProviderFailureException.class);

        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(999L, 0L);
        assertThat(core.usage.all()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(TurnOutcome.FAILED);
            assertThat(e.credits()).isEqualTo(1);
        });
    }

    @Test
    void aCallTheAccountRefusedCostsNothingAndTheHoldIsReleased() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        core.provider.answering(r -> {
            throw new com.chimti.ai.core.domain.provider.ProviderNotConnectedException("connect your Codex account");
        });
        AiChat chat = newChat(b1);

        assertThatThrownBy(() -> send(chat, "hello"))
                .isInstanceOf(com.chimti.ai.core.domain.provider.ProviderNotConnectedException.class);

        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(1000L, 0L);
        assertThat(core.wallets.openReservations()).isZero();
        assertThat(core.usage.all()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(TurnOutcome.FAILED);
            assertThat(e.credits()).isZero();
        });
    }

    @Test
    void aCancelledTurnIsChargedForWhatItUsed() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 1000);
        core.provider.answering(r -> new CompletionResult("partial", new TokenUsage(200, 500), r.model(),
                TurnOutcome.CANCELLED));
        TurnResult turn = send(newChat(b1), "hello");

        // 1 + 200 * 10 / 1000 + 500 * 20 / 1000
        assertThat(turn.credits()).isEqualTo(13);
        assertThat(turn.outcome()).isEqualTo(TurnOutcome.CANCELLED);
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow().balance()).isEqualTo(987);
    }

    @Test
    void aChargeNeverExceedsTheReservation() {
        Wallet wallet = core.wallets.create(alice.clientId(), b1, 100_000);
        core.provider.answering(r -> new CompletionResult("long", new TokenUsage(0, 1_000_000), r.model(),
                TurnOutcome.COMPLETED));
        TurnResult turn = send(newChat(b1), "hello");

        long reservedAtMost = core.billingSettings.pricing().maxCost("fake-1", 100_000, 1000);
        assertThat(turn.credits()).isLessThan(reservedAtMost).isGreaterThan(20);
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow().balance())
                .isEqualTo(100_000 - turn.credits());
    }

    @Test
    void oneShotCallsChargeTheClientWalletAndRefuseWhenItIsShort() {
        OneShotService service = OneShotFixture.service(core, OneShotFixture.SMALL_CAPS);
        Wallet wallet = core.wallets.create(alice.clientId(), null, 1000);

        AskOnceResult result = service.ask(AskOnceCommand.chat(alice, "hello", null));
        assertThat(result.answer()).isEqualTo("echo: hello");
        assertThat(result.meta().credits()).as("the answer shows what was charged").isEqualTo(3L);
        assertThat(core.usage.all()).singleElement().extracting(UsageEntry::credits).isEqualTo(3L);
        assertThat(core.wallets.byId(wallet.walletId()).orElseThrow().balance()).isEqualTo(997);

        Caller poor = aCaller().user("bob").client("poor").build();
        core.wallets.create(poor.clientId(), null, 2);
        int calls = core.provider.requests().size();
        assertThatThrownBy(() -> service.ask(AskOnceCommand.chat(poor, "hello", null)))
                .isInstanceOf(InsufficientCreditsException.class);
        assertThat(core.provider.requests()).hasSize(calls);
        assertThat(core.usage.all()).hasSize(1);
    }

    private AiChat newChat(BrandId brand) {
        return core.chatService.create(new CreateChatCommand(alice, "t", brand, null));
    }

    private TurnResult send(AiChat chat, String text) {
        return core.conversationService.send(new SendMessageCommand(alice, chat.id(), text), TurnEvents.NONE);
    }
}
