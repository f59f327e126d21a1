package com.chimti.ai.core.service.erasure;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.artifact.StorageKey;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.erasure.ErasedRows;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.port.in.EraseUserCommand;
import com.chimti.ai.core.port.in.ErasureReport;
import com.chimti.ai.core.port.out.HostUserData;
import com.chimti.ai.core.port.out.TurnsElsewhere;
import com.chimti.ai.core.port.out.UserDataEraser;
import com.chimti.ai.core.service.provider.Providers;
import com.chimti.ai.core.service.turn.RunningTurns;
import com.chimti.ai.core.testing.FakeProvider;
import com.chimti.ai.core.testing.InMemoryArtifactStore;
import com.chimti.ai.core.testing.InMemoryAuditTrail;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ErasureServiceTest {
    private static final ClientId C1 = new ClientId("c1");
    private static final ClientId C2 = new ClientId("c2");
    private final TenantUser alice = new TenantUser(C1, new UserId("alice"));
    /** The same sub in another client: another user, never touched by erasing alice. */
    private final TenantUser aliceElsewhere = new TenantUser(C2, new UserId("alice"));

    private final List<String> steps = new CopyOnWriteArrayList<>();
    private final RunningTurns turns = new RunningTurns(new TurnsElsewhere() {
        @Override
        public boolean cancel(ChatId chat) {
            steps.add("cancel elsewhere " + chat.value());
            return false;
        }

        @Override
        public void forget(TenantUser user) {
            steps.add("forget elsewhere " + user.userId().value());
        }
    });
    private final FakeProvider provider = new FakeProvider().onForget(() -> steps.add("forget"));
    private final RecordingEraser eraser = new RecordingEraser();
    private final InMemoryArtifactStore files = new InMemoryArtifactStore();
    private final InMemoryAuditTrail audit = new InMemoryAuditTrail();
    /** A host extension's table of what the user did, as a list of (client, user) owners. */
    private final List<TenantUser> hostRows = new CopyOnWriteArrayList<>();
    private final HostUserData hostData = user -> {
        steps.add("host rows");
        int before = hostRows.size();
        hostRows.removeIf(user::equals);
        return before - hostRows.size();
    };
    private final ErasureService service = new ErasureService(turns,
            new Providers(List.of(provider), List.of(provider), provider.id()), eraser, List.of(hostData), files,
            audit, Clock.systemUTC(), Duration.ofSeconds(5));

    private final Caller platformAdmin = aCaller().user("root").client("platform").roles(Role.PLATFORM_ADMIN)
            .modules().build();

    private StorageKey storeFile(TenantUser owner) {
        return files.write(owner, "summary".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void stopsTurnsThenProcessesThenDeletesRowsThenFilesAndRecordsTheCounts() throws Exception {
        ChatId chat = ChatId.newId();
        eraser.chats.put(alice, List.of(chat));
        StorageKey file = storeFile(alice);
        eraser.rows.put(alice, new ErasedRows(1, 4, 1, 2, 1, 1, 1, 2, 1, List.of(file)));
        RunningTurns.Running turn = turns.begin(alice, chat);
        CancellationSignal cancelled = turn.cancellation();
        // the running turn ends shortly after it is cancelled, as a real one does
        CompletableFuture.runAsync(() -> {
            while (!cancelled.isCancelled()) {
                Thread.onSpinWait();
            }
            steps.add("turn ended");
            turn.close();
        });
        eraser.onErase = () -> steps.add("rows (file still there: " + files.read(file).isPresent() + ")");

        ErasureReport report = service.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));

        // (whether the chat was also asked of other instances depends on how fast the turn ended here)
        assertThat(steps.stream().filter(step -> !step.startsWith("cancel elsewhere")))
                .containsExactly("turn ended", "forget", "forget elsewhere alice", "rows (file still there: true)",
                        "host rows");
        assertThat(provider.forgotten()).containsExactly(alice);
        assertThat(files.read(file)).isEmpty();
        assertThat(report.rows().messages()).isEqualTo(4);
        assertThat(report.artifactFiles()).isEqualTo(1);
        assertThat(report.providers()).isEqualTo(1);
        AuditEvent event = audit.events().get(0);
        assertThat(event.type()).isEqualTo(AuditEventType.USER_ERASED);
        assertThat(event.clientId()).isEqualTo(C1);
        assertThat(event.actor()).isEqualTo(platformAdmin.userId());
        assertThat(event.subject()).isEqualTo(alice.userId());
        assertThat(event.details()).containsEntry("chats", "1").containsEntry("messages", "4")
                .containsEntry("artifacts", "1").containsEntry("actorClientId", "platform");
    }

    @Test
    void whatAHostExtensionKeepsOfTheUserGoesToo() {
        hostRows.addAll(List.of(alice, aliceElsewhere, alice));

        service.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));
        service.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));

        assertThat(hostRows).containsExactly(aliceElsewhere);
        assertThat(audit.events()).extracting(event -> event.details().get("hostRows")).containsExactly("2", "0");
    }

    @Test
    void aTurnOnAnotherInstanceIsCancelledByItsChat() {
        ChatId chat = ChatId.newId();
        eraser.chats.put(alice, List.of(chat));

        service.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));

        assertThat(steps).containsExactly("cancel elsewhere " + chat.value(), "forget", "forget elsewhere alice",
                "host rows");
    }

    @Test
    void newTurnsOfTheUserAreRefusedWhileTheErasureRunsAndAllowedAfter() {
        List<Throwable> refused = new ArrayList<>();
        eraser.onErase = () -> {
            try {
                turns.begin(alice, ChatId.newId()).close();
            } catch (ConflictException e) {
                refused.add(e);
            }
            turns.begin(aliceElsewhere, ChatId.newId()).close(); // another client's user goes on
        };

        service.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));

        assertThat(refused).hasSize(1);
        turns.begin(alice, ChatId.newId()).close();
    }

    @Test
    void theSameSubInAnotherClientIsUntouched() {
        StorageKey mine = storeFile(alice);
        StorageKey theirs = storeFile(aliceElsewhere);
        eraser.rows.put(alice, new ErasedRows(1, 1, 0, 0, 0, 0, 1, 0, 0, List.of(mine)));
        eraser.rows.put(aliceElsewhere, new ErasedRows(1, 1, 0, 0, 0, 0, 1, 0, 0, List.of(theirs)));
        provider.startLogin(new com.chimti.ai.core.domain.account.LoginRequest(aliceElsewhere,
                com.chimti.ai.core.domain.account.LoginMethod.API_KEY,
                new com.chimti.ai.core.domain.Secret("sk-elsewhere")));

        service.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));

        assertThat(eraser.erased).containsExactly(alice);
        assertThat(provider.forgotten()).containsExactly(alice);
        assertThat(files.read(theirs)).isPresent();
        assertThat(files.holdsAnythingOf(aliceElsewhere)).isTrue();
        assertThat(files.holdsAnythingOf(alice)).isFalse();
        assertThat(provider.accountStatus(aliceElsewhere).status().name()).isEqualTo("CONNECTED");
    }

    @Test
    void aSecondErasureFindsNothingAndSucceeds() {
        eraser.rows.put(alice, new ErasedRows(2, 3, 0, 0, 0, 0, 0, 1, 1, List.of(storeFile(alice))));
        service.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));

        ErasureReport again = service.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));

        assertThat(again.rows()).isEqualTo(ErasedRows.NONE);
        assertThat(again.artifactFiles()).isZero();
        assertThat(provider.forgotten()).containsExactly(alice, alice);
        assertThat(audit.events()).hasSize(2);
        assertThat(audit.events().get(1).details()).containsEntry("chats", "0");
    }

    @Test
    void aFileLeftByAFailedCallIsRemovedByTheNextOne() {
        StorageKey file = storeFile(alice);
        eraser.rows.put(alice, new ErasedRows(0, 0, 0, 0, 0, 0, 1, 0, 0, List.of(file)));
        FailingOnce failing = new FailingOnce(files);
        ErasureService flaky = new ErasureService(turns,
                new Providers(List.of(provider), List.of(provider), provider.id()), eraser, List.of(), failing, audit,
                Clock.systemUTC(), Duration.ofSeconds(5));

        assertThatThrownBy(() -> flaky.erase(new EraseUserCommand(platformAdmin, C1, alice.userId())))
                .isInstanceOf(IllegalStateException.class);
        assertThat(files.holdsAnythingOf(alice)).isTrue();
        assertThat(audit.events()).isEmpty();

        flaky.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));
        assertThat(files.holdsAnythingOf(alice)).isFalse();
        assertThat(audit.events()).hasSize(1);
    }

    @Test
    void aBrandSuperadminErasesInTheirOwnClientOnly() {
        Caller superadmin = aCaller().user("boss").client("c1").roles(Role.BRAND_SUPERADMIN).build();

        service.erase(new EraseUserCommand(superadmin, C1, alice.userId()));
        assertThat(audit.events().get(0).details()).doesNotContainKey("actorClientId");

        assertThatThrownBy(() -> service.erase(new EraseUserCommand(superadmin, C2, alice.userId())))
                .isInstanceOf(OutOfScopeException.class);
        assertThat(eraser.erased).containsExactly(alice);
    }

    @Test
    void everyOtherRoleIsRefusedBeforeAnythingHappens() {
        for (Role role : Role.values()) {
            if (role == Role.PLATFORM_ADMIN || role == Role.BRAND_SUPERADMIN) {
                continue;
            }
            Caller caller = aCaller().user("someone").client("c1").roles(role).aiAccess(true).build();
            assertThatThrownBy(() -> service.erase(new EraseUserCommand(caller, C1, alice.userId())))
                    .as(role.name()).isInstanceOf(OutOfScopeException.class);
        }
        assertThat(eraser.erased).isEmpty();
        assertThat(provider.forgotten()).isEmpty();
        assertThat(audit.events()).isEmpty();
        turns.begin(alice, ChatId.newId()).close(); // nothing left the user stopped
    }

    @Test
    void aTurnThatIgnoresItsCancellationIsWaitedForAtMostTheSettleTime() throws Exception {
        ErasureService quick = new ErasureService(turns,
                new Providers(List.of(provider), List.of(provider), provider.id()), eraser, List.of(), files, audit,
                Clock.systemUTC(), Duration.ofMillis(200));
        RunningTurns.Running stuck = turns.begin(alice, null);
        long started = System.nanoTime();

        quick.erase(new EraseUserCommand(platformAdmin, C1, alice.userId()));

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(150L, 3_000L);
        assertThat(stuck.cancellation().isCancelled()).isTrue();
        assertThat(provider.forgotten()).containsExactly(alice); // its process is stopped under it
        stuck.close();
    }

    /** A database stand-in: what each user's erasure deletes, once. */
    private final class RecordingEraser implements UserDataEraser {
        final Map<TenantUser, List<ChatId>> chats = new HashMap<>();
        final Map<TenantUser, ErasedRows> rows = new HashMap<>();
        final List<TenantUser> erased = new ArrayList<>();
        Runnable onErase = () -> { };

        @Override
        public List<ChatId> chatsOf(TenantUser user) {
            return chats.getOrDefault(user, List.of());
        }

        @Override
        public ErasedRows erase(TenantUser user) {
            onErase.run();
            erased.add(user);
            chats.remove(user);
            ErasedRows deleted = rows.remove(user);
            return deleted == null ? ErasedRows.NONE : deleted;
        }
    }

    /** A store whose first delete fails, as a disk error would. */
    private static final class FailingOnce implements com.chimti.ai.core.port.out.ArtifactStore {
        private final InMemoryArtifactStore store;
        private boolean failed;

        FailingOnce(InMemoryArtifactStore store) {
            this.store = store;
        }

        @Override
        public StorageKey write(TenantUser owner, byte[] content) {
            return store.write(owner, content);
        }

        @Override
        public java.util.Optional<byte[]> read(StorageKey key) {
            return store.read(key);
        }

        @Override
        public void delete(StorageKey key) {
            if (!failed) {
                failed = true;
                throw new IllegalStateException("disk error (test)");
            }
            store.delete(key);
        }

        @Override
        public void forget(TenantUser owner) {
            if (failed && store.holdsAnythingOf(owner) && !forgetOnce) {
                forgetOnce = true;
                throw new IllegalStateException("disk error (test)");
            }
            store.forget(owner);
        }

        private boolean forgetOnce;
    }
}
