package com.chimti.ai.adapter.out.persistence.erasure;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.audit.JdbiAuditTrail;
import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.AiSetting;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.MessageDraft;
import com.chimti.ai.core.domain.action.TaskNote;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.billing.Reservation;
import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.MessageId;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.erasure.ErasedRows;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Erasure on any PostgreSQL: after it, no row of any table of the schema holds the erased user's content, and
 * rows naming the user are only the kept kinds (usage, audit); the same sub in another client and another user
 * of the same client keep everything, and every wallet still balances with its ledger.
 */
abstract class UserDataEraserContract extends DatabaseContract {
    /** Tables that keep rows naming an erased user: ids and numbers, never content. */
    private static final Set<String> KEPT = Set.of("usage_log", "ai_audit_events", "rate_limit_bucket",
            "rate_limit_counter");
    private static final BrandId BRAND = new BrandId("b1");
    private static final Instant AT = TestData.T0;

    private JdbiUserDataEraser eraser() {
        return new JdbiUserDataEraser(instance().jdbi());
    }

    /** Everything a user leaves in the database, each text carrying {@code marker}. */
    private ChatId everything(TenantUser user, String marker) {
        AiChat chat = new AiChat(ChatId.newId(), user.userId(), user.clientId(), BRAND, null, "Chat " + marker,
                TestData.CODEX, "gpt-5", AT, AT);
        instance().chatRepository().insert(chat);
        instance().messageRepository().insert(new AiMessage(MessageId.newId(), chat.id(), MessageRole.USER,
                "question " + marker, TestData.CODEX, "gpt-5", Map.of(), AT));
        // an answered turn: charged to the client's wallet, its usage row and answer written together
        Wallet wallet = instance().wallets().topUp(user.clientId(), null, 1_000, "top-up", UUID.randomUUID()
                .toString(), "h-" + UUID.randomUUID());
        String hold = ((Reservation.Held) instance().wallets().reserve(wallet.walletId(), 50)).reservationId();
        instance().turnSettlements().commit(new TurnSettlement(hold, 7,
                new UsageEntry(user.userId(), user.clientId(), BRAND, chat.id(), TestData.CODEX, "gpt-5", "chat",
                        new TokenUsage(3, 2), Duration.ofMillis(5), 7, TurnOutcome.COMPLETED, AT),
                new AiMessage(MessageId.newId(), chat.id(), MessageRole.ASSISTANT, "answer " + marker,
                        TestData.CODEX, "gpt-5", Map.of("credits", 7), AT)));
        String turnKey = "turn-" + UUID.randomUUID();
        instance().turnEventLog().append(chat.id(), turnKey, 1, "delta", "{\"text\":\"stream " + marker + "\"}");
        instance().turnEventLog().finish(chat.id(), turnKey);
        AiAction note = new AiAction(ActionId.newId(), chat.id(), user, "create_task_note", ActionStatus.EXECUTED,
                Map.of("title", "note " + marker), Map.of(), AT, AT);
        instance().actionRepository().insert(note);
        instance().taskNoteRepository().insert(new TaskNote(UUID.randomUUID().toString(), note.id(),
                user.userId(), user.clientId(), BRAND, null, chat.id(), "note " + marker, "body " + marker, null,
                AT));
        AiAction draft = new AiAction(ActionId.newId(), chat.id(), user, "draft_customer_message",
                ActionStatus.EXECUTED, Map.of("body", "draft " + marker), Map.of(), AT, AT);
        instance().actionRepository().insert(draft);
        instance().messageDraftRepository().insert(new MessageDraft(UUID.randomUUID().toString(), draft.id(),
                user.userId(), user.clientId(), BRAND, null, chat.id(), "Ada " + marker, "sms", "draft " + marker,
                AT));
        instance().artifactRepository().insert(new AiArtifact(ArtifactId.newId(), user.userId(), user.clientId(),
                BRAND, chat.id(), "summary", "summary " + marker, new StorageKey(hex() + "/" + hex()),
                "text/markdown", 10, Map.of("note", marker), AT));
        instance().loginRepository().save(new AiLogin(LoginId.newId(), user, TestData.CODEX, LoginState.FAILED,
                "failed " + marker, AT, AT.plusSeconds(900), AT));
        instance().settingRepository().save(new AiSetting(user, TestData.CODEX, "model-" + marker, "profile",
                "active", AT, AT));
        new JdbiAuditTrail(instance().jdbi()).record(new AuditEvent(TimeOrderedIds.next(), AT,
                AuditEventType.MODEL_CHANGED, user.clientId(), BRAND, user.userId(), null, null,
                Map.of("model", "gpt-5")));
        return chat.id();
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Every row of every table of the schema, as text, with its table's name. */
    private List<String[]> everyRow() {
        return instance().jdbi().withHandle(handle -> {
            List<String> tables = handle.createQuery("SELECT table_name FROM information_schema.tables"
                            + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
                    .mapTo(String.class).list();
            assertThat(tables).contains("ai_chats", "ai_messages", "ai_turn_events", "ai_artifacts",
                    "ai_task_notes", "ai_message_drafts", "ai_logins", "ai_settings", "usage_log");
            List<String[]> rows = new ArrayList<>();
            for (String table : tables) {
                handle.createQuery("SELECT t::text FROM \"" + table + "\" t").mapTo(String.class)
                        .forEach(row -> rows.add(new String[] {table, row}));
            }
            return rows;
        });
    }

    private List<String> tablesHolding(String... parts) {
        return everyRow().stream().filter(row -> java.util.Arrays.stream(parts).allMatch(row[1]::contains))
                .map(row -> row[0]).distinct().sorted().toList();
    }

    @Test
    void nothingWithTheUsersContentIsLeftAndUsageAndLedgerStayBalanced() {
        TenantUser alice = TestData.tenantUser();
        TenantUser aliceElsewhere = TestData.sameSubElsewhere(alice);
        TenantUser bob = new TenantUser(alice.clientId(), new UserId("user-" + UUID.randomUUID()));
        String aliceMarker = "alice-" + UUID.randomUUID();
        String elsewhereMarker = "elsewhere-" + UUID.randomUUID();
        String bobMarker = "bob-" + UUID.randomUUID();
        ChatId aliceChat = everything(alice, aliceMarker);
        everything(aliceElsewhere, elsewhereMarker);
        everything(bob, bobMarker);
        List<String> bobsTablesBefore = tablesHolding(bobMarker);
        List<String> elsewhereTablesBefore = tablesHolding(elsewhereMarker);
        assertThat(tablesHolding(aliceMarker)).containsExactlyInAnyOrderElementsOf(bobsTablesBefore)
                .contains("ai_chats", "ai_messages", "ai_turn_events", "ai_actions", "ai_task_notes",
                        "ai_message_drafts", "ai_artifacts", "ai_logins", "ai_settings");
        assertThat(eraser().chatsOf(alice)).containsExactly(aliceChat);

        ErasedRows erased = eraser().erase(alice);

        assertThat(erased).isEqualTo(new ErasedRows(1, 2, 1, 2, 1, 1, 1, 1, 1, erased.artifactFiles()));
        assertThat(erased.artifactFiles()).hasSize(1);
        assertThat(tablesHolding(aliceMarker)).as("tables still holding the erased user's content").isEmpty();
        assertThat(tablesHolding(alice.clientId().value(), alice.userId().value()))
                .as("tables still naming the erased user").isSubsetOf(KEPT).contains("usage_log", "ai_audit_events");
        assertThat(eraser().chatsOf(alice)).isEmpty();
        // the same sub in another client, and another user of the same client, keep everything
        assertThat(tablesHolding(elsewhereMarker)).isEqualTo(elsewhereTablesBefore);
        assertThat(tablesHolding(bobMarker)).isEqualTo(bobsTablesBefore);
        assertThat(instance().usageLedger().find(alice.clientId(), null, alice.userId(), AT.minusSeconds(1),
                AT.plusSeconds(1), 10)).singleElement().satisfies(usage -> {
                    assertThat(usage.credits()).isEqualTo(7);
                    assertThat(usage.chatId()).isEqualTo(aliceChat); // an id, kept with the usage
                });
        assertThat(walletsOutOfBalance()).isZero();
        assertThat(instance().wallets().find(alice.clientId(), null).orElseThrow().balance())
                .isEqualTo(2 * 1_000 - 7 - 7); // alice and bob each topped up their client and paid one turn

        assertThat(eraser().erase(alice)).as("a second erasure finds nothing").isEqualTo(ErasedRows.NONE);
    }

    @Test
    void aUserWithNothingStoredIsErasedWithoutError() {
        assertThat(eraser().erase(TestData.tenantUser())).isEqualTo(ErasedRows.NONE);
    }

    /** Wallets whose balance is not the sum of their ledger (top-ups in, charges out). */
    private int walletsOutOfBalance() {
        return instance().jdbi().withHandle(handle -> handle.createQuery("SELECT count(*) FROM wallet w"
                        + " WHERE w.balance <> (SELECT coalesce(sum(l.amount), 0) FROM wallet_ledger l"
                        + " WHERE l.wallet_id = w.wallet_id)")
                .mapTo(Integer.class).one());
    }
}
