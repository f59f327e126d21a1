package com.chimti.ai.adapter.out.persistence;

import static com.chimti.ai.adapter.out.persistence.testing.TestData.CODEX;
import static com.chimti.ai.adapter.out.persistence.testing.TestData.T0;
import static com.chimti.ai.adapter.out.persistence.testing.TestData.micros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.adapter.out.persistence.account.JdbiLoginRepository;
import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.adapter.out.persistence.sql.SqlErrors;
import com.chimti.ai.adapter.out.persistence.testing.TestData;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.AiSetting;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;

/**
 * What every PostgreSQL behind the repositories must do, matching the in-memory references in ai-core's test
 * jar. Subclasses supply a migrated database; each test uses fresh random owners so no cleanup is needed.
 */
abstract class RepositoryContract extends ActionTablesContract {
    @Test
    void insertsFindsUpdatesAndDeletesAChat() {
        var chats = instance().chatRepository();
        AiChat chat = TestData.chat(TestData.user(), TestData.client(), new BrandId("b1"), T0.plusSeconds(5));

        chats.insert(chat);
        AiChat stored = chats.findById(chat.id()).orElseThrow();
        assertThat(stored.title()).isEqualTo("A chat");
        assertThat(stored.brandId()).isEqualTo(new BrandId("b1"));
        assertThat(stored.updatedAt()).isEqualTo(micros(chat.updatedAt()));

        AiChat renamed = stored.withTitle("Renamed", T0.plusSeconds(60));
        assertThat(chats.update(renamed)).isTrue();
        assertThat(chats.findById(chat.id()).orElseThrow())
                .extracting(AiChat::title, AiChat::updatedAt)
                .containsExactly("Renamed", micros(T0.plusSeconds(60)));

        assertThat(chats.delete(chat.id())).isTrue();
        assertThat(chats.findById(chat.id())).isEmpty();
        assertThat(chats.delete(chat.id())).isFalse();
        assertThat(chats.update(renamed)).isFalse();
    }

    @Test
    void listsOnlyTheOwnersChatsInTheClientAndBrand() {
        var chats = instance().chatRepository();
        UserId me = TestData.user();
        ClientId client = TestData.client();
        AiChat inBrandA = TestData.chat(me, client, new BrandId("a"), T0);
        AiChat inBrandB = TestData.chat(me, client, new BrandId("b"), T0.plusSeconds(1));
        AiChat otherUser = TestData.chat(TestData.user(), client, new BrandId("a"), T0);
        AiChat otherClient = TestData.chat(me, TestData.client(), new BrandId("a"), T0);
        List.of(inBrandA, inBrandB, otherUser, otherClient).forEach(chats::insert);

        assertThat(ids(chats.findByOwner(me, client, null, PageRequest.first(10))))
                .containsExactly(inBrandB.id(), inBrandA.id());
        assertThat(ids(chats.findByOwner(me, client, new BrandId("a"), PageRequest.first(10))))
                .containsExactly(inBrandA.id());
        assertThat(ids(chats.findByOwner(me, client, new BrandId("zzz"), PageRequest.first(10)))).isEmpty();
    }

    @Test
    void pagesSevenChatsThreeAtATimeWithoutGapsOrDuplicates() {
        var chats = instance().chatRepository();
        UserId me = TestData.user();
        ClientId client = TestData.client();
        List<AiChat> inserted = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // Pairs share an updatedAt (down to the nanosecond) so the id tie-break is exercised.
            AiChat chat = TestData.chat(me, client, null, T0.plusNanos(1_000L * (i / 2)).plusNanos(789));
            chats.insert(chat);
            inserted.add(chat);
        }
        List<ChatId> expected = inserted.stream()
                .sorted(Comparator.comparing((AiChat c) -> micros(c.updatedAt()))
                        .thenComparing(c -> c.id().value()).reversed())
                .map(AiChat::id).toList();

        Page<AiChat> first = chats.findByOwner(me, client, null, PageRequest.first(3));
        // The cursor travels through its opaque string form, as it does over HTTP.
        Page<AiChat> second = chats.findByOwner(me, client, null,
                new PageRequest(3, PageCursor.decode(first.nextCursor().encode())));
        Page<AiChat> third = chats.findByOwner(me, client, null,
                new PageRequest(3, PageCursor.decode(second.nextCursor().encode())));

        assertThat(first.items()).hasSize(3);
        assertThat(second.items()).hasSize(3);
        assertThat(third.items()).hasSize(1);
        assertThat(third.nextCursor()).isNull();
        List<ChatId> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        all.addAll(ids(third));
        assertThat(all).containsExactlyElementsOf(expected);
    }

    @Test
    void listsMessagesOldestFirstInPagesAndTheLatestOnes() {
        AiChat chat = insertedChat();
        var messages = instance().messageRepository();
        List<AiMessage> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AiMessage message = TestData.message(chat.id(), "message " + i, T0.plusMillis(i).plusNanos(999));
            messages.insert(message);
            inserted.add(message);
        }

        Page<AiMessage> first = messages.findByChat(chat.id(), PageRequest.first(2));
        Page<AiMessage> second = messages.findByChat(chat.id(), new PageRequest(2, first.nextCursor()));
        Page<AiMessage> third = messages.findByChat(chat.id(), new PageRequest(2, second.nextCursor()));

        assertThat(contents(first.items())).containsExactly("message 0", "message 1");
        assertThat(contents(second.items())).containsExactly("message 2", "message 3");
        assertThat(contents(third.items())).containsExactly("message 4");
        assertThat(third.nextCursor()).isNull();
        assertThat(contents(messages.findLatest(chat.id(), 3))).containsExactly("message 2", "message 3", "message 4");
        assertThat(messages.findLatest(chat.id(), 0)).isEmpty();

        AiMessage stored = first.items().get(0);
        assertThat(stored.metadata()).isEqualTo(Map.of("inputTokens", 12, "outcome", "completed"));
        assertThat(stored.createdAt()).isEqualTo(micros(inserted.get(0).createdAt()));
        assertThat(stored.role()).isEqualTo(inserted.get(0).role());
    }

    @Test
    void deletingAChatDeletesItsMessages() {
        AiChat chat = insertedChat();
        var messages = instance().messageRepository();
        messages.insert(TestData.message(chat.id(), "one", T0));
        messages.insert(TestData.message(chat.id(), "two", T0.plusSeconds(1)));

        assertThat(instance().chatRepository().delete(chat.id())).isTrue();

        assertThat(messages.findByChat(chat.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(countWhere("ai_messages", "chat_id", chat.id().value())).isZero();
    }

    @Test
    void savingASettingTwiceReplacesIt() {
        var settings = instance().settingRepository();
        TenantUser me = TestData.tenantUser();
        assertThat(settings.find(me, CODEX)).isEmpty();

        AiSetting initial = AiSetting.initial(me, CODEX, T0);
        settings.save(initial);
        settings.save(initial.withModel("gpt-5-mini", T0.plusSeconds(3)).withProfileId("p-1", T0.plusSeconds(3)));

        AiSetting stored = settings.find(me, CODEX).orElseThrow();
        assertThat(stored.model()).isEqualTo("gpt-5-mini");
        assertThat(stored.profileId()).isEqualTo("p-1");
        assertThat(stored.status()).isEqualTo("active");
        assertThat(stored.createdAt()).isEqualTo(micros(T0));
        assertThat(stored.updatedAt()).isEqualTo(micros(T0.plusSeconds(3)));
        assertThat(settings.find(me, new ProviderId("openai-stub"))).isEmpty();
        // the same sub in another client is another user, with a setting of its own
        TenantUser elsewhere = TestData.sameSubElsewhere(me);
        assertThat(settings.find(elsewhere, CODEX)).isEmpty();
        settings.save(AiSetting.initial(elsewhere, CODEX, T0).withModel("gpt-5", T0));
        assertThat(settings.find(elsewhere, CODEX).orElseThrow().model()).isEqualTo("gpt-5");
        assertThat(settings.find(me, CODEX).orElseThrow().model()).isEqualTo("gpt-5-mini");
    }

    @Test
    void savesAndFindsLoginsOnlyForTheirOwner() {
        var logins = instance().loginRepository();
        TenantUser me = TestData.tenantUser();
        AiLogin login = pendingLogin(me, T0);
        logins.save(login);

        assertThat(logins.find(me, login.id())).contains(micro(login));
        assertThat(logins.find(TestData.tenantUser(), login.id())).isEmpty();
        // the same sub under another client neither finds it nor has it pending
        TenantUser elsewhere = TestData.sameSubElsewhere(me);
        assertThat(logins.find(elsewhere, login.id())).isEmpty();
        assertThat(logins.findPending(elsewhere, CODEX)).isEmpty();
        assertThat(logins.findPending(me, CODEX).map(AiLogin::id)).contains(login.id());

        logins.save(login.ended(LoginState.CONNECTED, null, T0.plusSeconds(30)));
        assertThat(logins.findPending(me, CODEX)).isEmpty();
        assertThat(logins.find(me, login.id()).orElseThrow().state()).isEqualTo(LoginState.CONNECTED);
    }

    /** Design: a newer pending login supersedes (cancels) the older one rather than being refused. */
    @Test
    void aSecondPendingLoginSupersedesTheFirst() {
        var logins = instance().loginRepository();
        TenantUser me = TestData.tenantUser();
        AiLogin older = pendingLogin(me, T0);
        AiLogin newer = pendingLogin(me, T0.plusSeconds(10));
        logins.save(older);
        logins.save(newer);

        assertThat(logins.findPending(me, CODEX).map(AiLogin::id)).contains(newer.id());
        AiLogin superseded = logins.find(me, older.id()).orElseThrow();
        assertThat(superseded.state()).isEqualTo(LoginState.CANCELLED);
        assertThat(superseded.error()).isEqualTo(JdbiLoginRepository.SUPERSEDED);
        // a pending login of the same sub in another client supersedes nothing of this one
        AiLogin elsewhere = pendingLogin(TestData.sameSubElsewhere(me), T0.plusSeconds(20));
        logins.save(elsewhere);
        assertThat(logins.findPending(me, CODEX).map(AiLogin::id)).contains(newer.id());
        assertThat(logins.findPending(elsewhere.owner(), CODEX).map(AiLogin::id)).contains(elsewhere.id());
        // The database itself refuses a second pending row, whatever code writes it.
        assertThatThrownBy(() -> instance().jdbi().useHandle(h -> h.execute(
                "UPDATE ai_logins SET state = 'pending' WHERE id = ?", older.id().value())))
                .hasMessageContaining("ai_logins_one_pending_idx");
    }

    @Test
    void anActionTransitionWinsOnlyOnce() throws Exception {
        AiChat chat = insertedChat();
        var actions = instance().actionRepository();
        AiAction proposed = TestData.action(chat.id(), owner(chat), T0);
        actions.insert(proposed);
        AiAction executed = new AiAction(proposed.id(), proposed.chatId(), proposed.owner(), proposed.actionType(),
                ActionStatus.EXECUTED, proposed.input(), Map.of("noteId", "n-1"), proposed.createdAt(),
                T0.plusSeconds(2));

        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> racers = List.of(
                CompletableFuture.supplyAsync(() -> awaitThen(start, () -> actions.transition(executed,
                        ActionStatus.PROPOSED))),
                CompletableFuture.supplyAsync(() -> awaitThen(start, () -> actions.transition(executed,
                        ActionStatus.PROPOSED))));
        start.countDown();

        assertThat(List.of(racers.get(0).get(), racers.get(1).get())).containsExactlyInAnyOrder(true, false);
        AiAction stored = actions.findById(proposed.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ActionStatus.EXECUTED);
        assertThat(stored.result()).isEqualTo(Map.of("noteId", "n-1"));
        assertThat(stored.input()).isEqualTo(Map.of("title", "Call the supplier"));
        assertThat(stored.completedAt()).isEqualTo(micros(T0.plusSeconds(2)));
        assertThat(actions.transition(executed, ActionStatus.PROPOSED)).isFalse();
    }

    @Test
    void listsAUsersActionsNewestFirstOptionallyByChat() {
        AiChat chat = insertedChat();
        AiChat otherChat = insertedChat(chat.userId(), chat.clientId());
        var actions = instance().actionRepository();
        AiAction first = TestData.action(chat.id(), owner(chat), T0);
        AiAction second = TestData.action(otherChat.id(), owner(chat), T0.plusSeconds(1));
        AiAction someoneElses = TestData.action(chat.id(), TestData.tenantUser(), T0);
        TenantUser sameSubElsewhere = TestData.sameSubElsewhere(owner(chat));
        AiAction sameSubOtherClient = TestData.action(null, sameSubElsewhere, T0.plusSeconds(2));
        List.of(first, second, someoneElses, sameSubOtherClient).forEach(actions::insert);

        assertThat(actions.findByOwner(owner(chat), null)).extracting(AiAction::id)
                .containsExactly(second.id(), first.id());
        assertThat(actions.findByOwner(owner(chat), chat.id())).extracting(AiAction::id)
                .containsExactly(first.id());
        assertThat(actions.findByOwner(sameSubElsewhere, null)).extracting(AiAction::id)
                .containsExactly(sameSubOtherClient.id());
        assertThat(actions.findByOwner(sameSubElsewhere, chat.id())).isEmpty();
        assertThat(actions.findById(sameSubOtherClient.id()).orElseThrow().owner()).isEqualTo(sameSubElsewhere);
    }

    /** Rows V9 could not give a client keep client_id NULL and are read by no one. */
    @Test
    void anActionWithoutAClientIsNeverRead() {
        AiChat chat = insertedChat();
        var actions = instance().actionRepository();
        AiAction action = TestData.action(chat.id(), owner(chat), T0);
        actions.insert(action);
        instance().jdbi().useHandle(h -> h.execute("UPDATE ai_actions SET client_id = NULL WHERE id = ?",
                action.id().value()));

        assertThat(actions.findById(action.id())).isEmpty();
        assertThat(actions.findByOwner(owner(chat), null)).isEmpty();
    }

    private static TenantUser owner(AiChat chat) {
        return new TenantUser(chat.clientId(), chat.userId());
    }

    @Test
    void findsUsageByClientBrandUserAndTimeRangeNewestFirst() {
        var ledger = instance().usageLedger();
        ClientId client = TestData.client();
        UserId alice = TestData.user();
        UserId bob = TestData.user();
        BrandId brandA = new BrandId("brand-a");
        UsageEntry a1 = usage(alice, client, brandA, T0);
        UsageEntry a2 = usage(alice, client, brandA, T0.plusSeconds(10));
        UsageEntry b1 = usage(bob, client, new BrandId("brand-b"), T0.plusSeconds(20));
        UsageEntry late = usage(alice, client, brandA, T0.plusSeconds(3600));
        UsageEntry otherClient = usage(alice, TestData.client(), brandA, T0.plusSeconds(5));
        List.of(a1, a2, b1, late, otherClient).forEach(ledger::record);
        Instant to = T0.plusSeconds(60);

        assertThat(ledger.find(client, null, null, T0, to, 10)).extracting(UsageEntry::at)
                .containsExactly(micros(b1.at()), micros(a2.at()), micros(a1.at()));
        assertThat(ledger.find(client, brandA, null, T0, to, 10)).extracting(UsageEntry::at)
                .containsExactly(micros(a2.at()), micros(a1.at()));
        assertThat(ledger.find(client, null, bob, T0, to, 10)).extracting(UsageEntry::userId).containsExactly(bob);
        assertThat(ledger.find(client, null, null, T0, to, 1)).hasSize(1);
        assertThat(ledger.find(client, null, null, T0.plusSeconds(10), to, 10)).hasSize(2);

        UsageEntry stored = ledger.find(client, null, bob, T0, to, 10).get(0);
        assertThat(stored).isEqualTo(new UsageEntry(bob, client, new BrandId("brand-b"), null, CODEX, "gpt-5",
                "chat", new TokenUsage(100, 20), Duration.ofMillis(1500), 3, TurnOutcome.COMPLETED, micros(b1.at())));
    }

    @Test
    void aWalletLedgerIdempotencyKeyIsUsedOnlyOnce() {
        String walletId = insertWallet(TestData.client().value(), null, 100);
        String key = "key-" + UUID.randomUUID();
        instance().jdbi().useHandle(h -> insertLedger(h, walletId, key));

        assertThatThrownBy(() -> instance().jdbi().useHandle(h -> insertLedger(h, walletId, key)))
                .satisfies(e -> assertThat(SqlErrors.isUniqueViolation(e)).isTrue());
    }

    @Test
    void aWalletBalanceCannotGoNegativeAndIsUniquePerClientAndBrand() {
        String client = TestData.client().value();
        String walletId = insertWallet(client, null, 5);

        assertThatThrownBy(() -> instance().jdbi().useHandle(h -> h.execute(
                "UPDATE wallet SET balance = balance - 6 WHERE wallet_id = ?", walletId)))
                .satisfies(e -> assertThat(SqlErrors.hasState(e, SqlErrors.CHECK_VIOLATION)).isTrue());
        // A second client-wide (NULL brand) wallet is refused too, not only a second per-brand one.
        assertThatThrownBy(() -> insertWallet(client, null, 0))
                .satisfies(e -> assertThat(SqlErrors.isUniqueViolation(e)).isTrue());
        insertWallet(client, "brand-a", 0);
        assertThatThrownBy(() -> insertWallet(client, "brand-a", 0))
                .satisfies(e -> assertThat(SqlErrors.isUniqueViolation(e)).isTrue());
    }

    @Test
    void answersTheReadinessCheck() {
        assertThat(instance().database().isReachable()).isTrue();
    }

    // --- helpers

    private AiChat insertedChat() {
        return insertedChat(TestData.user(), TestData.client());
    }

    private AiChat insertedChat(UserId user, ClientId client) {
        AiChat chat = TestData.chat(user, client, null, T0);
        instance().chatRepository().insert(chat);
        return chat;
    }

    private static AiLogin pendingLogin(TenantUser user, Instant at) {
        return new AiLogin(LoginId.newId(), user, CODEX, LoginState.PENDING, null, at, at.plusSeconds(900), at);
    }

    private static AiLogin micro(AiLogin l) {
        return new AiLogin(l.id(), l.owner(), l.provider(), l.state(), l.error(), micros(l.createdAt()),
                micros(l.expiresAt()), micros(l.updatedAt()));
    }

    private static UsageEntry usage(UserId user, ClientId client, BrandId brand, Instant at) {
        return new UsageEntry(user, client, brand, null, CODEX, "gpt-5", "chat", new TokenUsage(100, 20),
                Duration.ofMillis(1500), 3, TurnOutcome.COMPLETED, at);
    }

    private String insertWallet(String client, String brand, long balance) {
        String walletId = "w-" + UUID.randomUUID();
        instance().jdbi().useHandle(h -> h.execute(
                "INSERT INTO wallet (wallet_id, client_id, brand_id, balance) VALUES (?, ?, ?, ?)",
                walletId, client, brand, balance));
        return walletId;
    }

    private static void insertLedger(Handle handle, String walletId, String key) {
        handle.execute("INSERT INTO wallet_ledger (id, wallet_id, amount, kind, reason, idempotency_key)"
                + " VALUES (?, ?, 10, 'credit', 'top-up', ?)", "l-" + UUID.randomUUID(), walletId, key);
    }

    private long countWhere(String table, String column, String value) {
        return instance().jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM " + table + " WHERE " + column + " = :v")
                .bind("v", value).mapTo(Long.class).one());
    }

    private static List<ChatId> ids(Page<AiChat> page) {
        return page.items().stream().map(AiChat::id).toList();
    }

    private static List<String> contents(List<AiMessage> messages) {
        return messages.stream().map(AiMessage::content).toList();
    }

    private static <T> T awaitThen(CountDownLatch latch, java.util.function.Supplier<T> action) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return action.get();
    }
}
