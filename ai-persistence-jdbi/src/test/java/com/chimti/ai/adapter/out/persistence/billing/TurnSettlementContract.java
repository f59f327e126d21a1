package com.chimti.ai.adapter.out.persistence.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.MessageId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call's settlement is one transaction on every PostgreSQL: a failure between any two of its writes leaves no
 * charge, no answer and no usage row, and the hold still open for the caller to void.
 */
abstract class TurnSettlementContract extends DatabaseContract {
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

    private final UserId user = TestData.user();
    private final ClientId client = TestData.client();

    @Test
    void writesTheChargeTheAnswerItsChatAndTheUsageRowTogether() {
        AiChat chat = newChat();
        Wallet wallet = instance().wallets().topUp(client, null, 100, "seed", key(), "h");
        String hold = hold(wallet, 40);

        TurnSettlement written = settlements(JdbiTurnSettlements.Checkpoint.NONE)
                .commit(settlement(hold, 7, chat, "the answer"));

        assertThat(written.charge()).isEqualTo(7);
        assertThat(instance().wallets().find(client, null).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(93L, 0L);
        assertThat(charges(hold)).containsExactly(-7L);
        assertThat(answers(chat)).singleElement().satisfies(m -> {
            assertThat(m.content()).isEqualTo("the answer");
            assertThat(m.metadata()).containsEntry("credits", 7);
        });
        assertThat(usage()).singleElement().extracting(UsageEntry::credits).isEqualTo(7L);
        assertThat(instance().chatRepository().findById(chat.id()).orElseThrow().updatedAt()).isEqualTo(AT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"charged", "answered", "logged"})
    void aFailureBetweenTheWritesLeavesNothingHalfWritten(String failingStep) {
        AiChat chat = newChat();
        Wallet wallet = instance().wallets().topUp(client, null, 100, "seed", key(), "h");
        String hold = hold(wallet, 40);
        JdbiTurnSettlements failing = settlements(step -> {
            if (step.equals(failingStep)) {
                throw new IllegalStateException("injected after " + step);
            }
        });

        assertThatThrownBy(() -> failing.commit(settlement(hold, 7, chat, "the answer")))
                .hasMessage("injected after " + failingStep);

        assertNothingWritten(chat, hold);
    }

    @Test
    void theOldFailureANulInTheAnswerIsSettledWithTheAnswerStoredWithoutIt() {
        // a NUL in the model's answer once made PostgreSQL refuse the text after the wallet was charged (a 500, a
        // charge, no answer and no usage row); the domain now strips control characters, so all three are written
        AiChat chat = newChat();
        Wallet wallet = instance().wallets().topUp(client, null, 100, "seed", key(), "h");
        String hold = hold(wallet, 40);

        TurnSettlement written = instance().turnSettlements().commit(settlement(hold, 7, chat, "bad \u0000 answer"));

        assertThat(written.charge()).isEqualTo(7);
        assertThat(answers(chat)).singleElement().satisfies(m -> assertThat(m.content()).doesNotContain("\u0000"));
        assertThat(instance().wallets().find(client, null).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(93L, 0L);
    }

    @Test
    void aReservationVoidedMeanwhileIsWrittenAsFreeEverywhere() {
        AiChat chat = newChat();
        Wallet wallet = instance().wallets().topUp(client, null, 100, "seed", key(), "h");
        String hold = hold(wallet, 40);
        instance().wallets().voidReservation(hold);

        TurnSettlement written = instance().turnSettlements().commit(settlement(hold, 7, chat, "late"));

        assertThat(written.charge()).isZero();
        assertThat(charges(hold)).isEmpty();
        assertThat(answers(chat)).singleElement().satisfies(m -> assertThat(m.metadata()).containsEntry("credits", 0));
        assertThat(usage()).singleElement().extracting(UsageEntry::credits).isEqualTo(0L);
        assertThat(instance().wallets().find(client, null).orElseThrow().balance()).isEqualTo(100);
    }

    private void assertNothingWritten(AiChat chat, String hold) {
        assertThat(charges(hold)).isEmpty();
        assertThat(answers(chat)).isEmpty();
        assertThat(usage()).isEmpty();
        assertThat(instance().chatRepository().findById(chat.id()).orElseThrow().updatedAt())
                .isEqualTo(TestData.micros(TestData.T0));
        assertThat(instance().wallets().find(client, null).orElseThrow())
                .extracting(Wallet::balance, Wallet::reserved).containsExactly(100L, 40L);
    }

    private JdbiTurnSettlements settlements(JdbiTurnSettlements.Checkpoint checkpoint) {
        return new JdbiTurnSettlements(instance().jdbi(), checkpoint);
    }

    private AiChat newChat() {
        AiChat chat = TestData.chat(user, client, null, TestData.T0);
        instance().chatRepository().insert(chat);
        return chat;
    }

    private String hold(Wallet wallet, long amount) {
        return ((Reservation.Held) instance().wallets().reserve(wallet.walletId(), amount)).reservationId();
    }

    private TurnSettlement settlement(String hold, long charge, AiChat chat, String text) {
        AiMessage answer = new AiMessage(MessageId.newId(), chat.id(), MessageRole.ASSISTANT, text, TestData.CODEX,
                "gpt-5", Map.of("credits", charge, "outcome", "completed"), AT);
        UsageEntry usage = new UsageEntry(user, client, null, chat.id(), TestData.CODEX, "gpt-5", "chat",
                new TokenUsage(3, 2), Duration.ofMillis(5), charge, TurnOutcome.COMPLETED, AT);
        return new TurnSettlement(hold, charge, usage, answer);
    }

    private List<AiMessage> answers(AiChat chat) {
        return instance().messageRepository().findByChat(chat.id(), PageRequest.first(50)).items();
    }

    private List<UsageEntry> usage() {
        return instance().usageLedger().find(client, null, user, AT.minusSeconds(3600), AT.plusSeconds(3600), 10);
    }

    private List<Long> charges(String hold) {
        return instance().jdbi().withHandle(h -> h.createQuery(
                        "SELECT amount FROM wallet_ledger WHERE reservation_id = :id AND kind = 'charge'")
                .bind("id", hold).mapTo(Long.class).list());
    }

    private static String key() {
        return "k-" + UUID.randomUUID();
    }
}
