package com.chimti.ai.core.service.audit;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.RequestId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.StartLoginCommand;
import com.chimti.ai.core.port.in.TopUpCommand;
import com.chimti.ai.core.domain.action.ActionHandler;
import com.chimti.ai.core.domain.action.ActionOutcome;
import com.chimti.ai.core.domain.action.ActionRequest;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.audit.AuditFilter;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.port.out.AuditTrail;
import com.chimti.ai.core.service.account.AccountService;
import com.chimti.ai.core.service.account.AuditedLogins;
import com.chimti.ai.core.service.action.ActionRegistry;
import com.chimti.ai.core.service.action.ActionService;
import com.chimti.ai.core.service.action.CreateTaskNoteHandler;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.InMemoryAuditTrail;
import com.chimti.ai.core.testing.InMemoryLoginRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Each audited change records its one event, after it succeeded, with metadata only; refused and invalid requests
 * record nothing.
 */
class AuditedServicesTest {
    private final CoreFixture core = new CoreFixture();
    private final InMemoryAuditTrail audit = core.audit;
    private final RequestId request = new RequestId("req-7");
    private final Caller alice = aCaller().user("alice").build().withRequestId(request);

    @Test
    void anApiKeyLoginIsConnectedWithoutTheKey() {
        core.accountService.startLogin(new StartLoginCommand(alice, null, LoginMethod.API_KEY,
                new Secret("sk-secret-value")));

        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.LOGIN_CONNECTED);
            assertThat(event.actor()).isEqualTo(alice.userId());
            assertThat(event.clientId()).isEqualTo(alice.clientId());
            assertThat(event.requestId()).isEqualTo(request);
            assertThat(event.details()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("provider", "fake", "method", "api_key"));
        });
        assertThat(audit.events().toString()).doesNotContain("sk-secret-value");
    }

    @Test
    void anApiKeyTheProviderRefusesIsAFailedLogin() {
        core.provider.refusingApiKeys();

        assertThatThrownBy(() -> core.accountService.startLogin(new StartLoginCommand(alice, null,
                LoginMethod.API_KEY, new Secret("sk-wrong")))).isInstanceOf(ProviderFailureException.class);
        assertThat(audit.types()).containsExactly(AuditEventType.LOGIN_FAILED);
    }

    @Test
    void aDeviceLoginStartRecordsNothingUntilItEnds() {
        core.accountService.startLogin(new StartLoginCommand(alice, null, LoginMethod.DEVICE, null));

        assertThat(audit.events()).isEmpty();
    }

    @Test
    void refusedAccountRequestsRecordNothing() {
        Caller noAi = aCaller().user("carol").modules().build();
        assertThatThrownBy(() -> core.accountService.startLogin(new StartLoginCommand(noAi, null,
                LoginMethod.API_KEY, new Secret("sk-x")))).isNotNull();
        assertThatThrownBy(() -> core.accountService.logout(noAi, null)).isNotNull();
        assertThatThrownBy(() -> core.accountService.choose(alice, null, "not-offered"))
                .isInstanceOf(ValidationException.class);

        assertThat(audit.events()).isEmpty();
    }

    @Test
    void logoutAndSwitchRecordTheSignOut() {
        core.accountService.logout(alice, null);
        core.accountService.switchAccount(new StartLoginCommand(alice, null, LoginMethod.API_KEY,
                new Secret("sk-next")));

        assertThat(audit.types()).containsExactly(AuditEventType.LOGGED_OUT, AuditEventType.LOGGED_OUT,
                AuditEventType.LOGIN_CONNECTED);
        assertThat(audit.events().get(0).details()).isEqualTo(Map.of("provider", "fake"));
    }

    @Test
    void aModelChangeNamesTheModelAndTheOneBefore() {
        core.accountService.choose(alice, null, "fake-2");
        core.accountService.choose(alice, null, "fake-1");

        assertThat(audit.events()).extracting(AuditEvent::details).containsExactly(
                Map.of("provider", "fake", "model", "fake-2", "previousModel", "fake-1"),
                Map.of("provider", "fake", "model", "fake-1", "previousModel", "fake-2"));
        assertThat(audit.types()).containsOnly(AuditEventType.MODEL_CHANGED);
    }

    @Test
    void aConfirmedActionIsConfirmedThenExecutedWithIdsAndItsBrandOnly() {
        AiChat chat = core.chatService.create(new CreateChatCommand(alice, null, new BrandId("b1"), null));
        AiAction proposed = core.actionService.propose(alice, chat.id(), CreateTaskNoteHandler.TYPE,
                note("Call the supplier about invoice 4471"));
        assertThat(audit.events()).isEmpty(); // a proposal is no decision

        core.actionService.confirm(alice, proposed.id());

        assertThat(audit.types()).containsExactly(AuditEventType.ACTION_CONFIRMED, AuditEventType.ACTION_EXECUTED);
        assertThat(audit.events()).allSatisfy(event -> {
            assertThat(event.brandId()).isEqualTo(new BrandId("b1"));
            assertThat(event.requestId()).isEqualTo(request);
            assertThat(event.details()).containsExactlyInAnyOrderEntriesOf(Map.of("actionId",
                    proposed.id().value(), "actionType", CreateTaskNoteHandler.TYPE, "chatId", chat.id().value()));
        });
        assertThat(audit.events().toString()).doesNotContain("invoice 4471");
    }

    @Test
    void aRejectionByTheUserIsRecordedAndASecondDecisionIsNot() {
        AiAction proposed = core.actionService.propose(alice, null, CreateTaskNoteHandler.TYPE, note("x"));

        core.actionService.reject(alice, proposed.id());
        assertThatThrownBy(() -> core.actionService.confirm(alice, proposed.id()))
                .isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> core.actionService.reject(alice, proposed.id()))
                .isInstanceOf(ConflictException.class);

        assertThat(audit.types()).containsExactly(AuditEventType.ACTION_REJECTED);
        assertThat(audit.events().get(0).details()).doesNotContainKey("chatId");
    }

    @Test
    void aProposalTheServerRefusesIsNoUserRejection() {
        core.actionService.propose(alice, null, CreateTaskNoteHandler.TYPE, Map.of("title", "x", "brandId", "b9"));

        assertThat(audit.events()).isEmpty();
    }

    @Test
    void aHandlerThatFailsRecordsTheFailure() {
        CreateTaskNoteHandler real = new CreateTaskNoteHandler(core.taskNotes, core.clock);
        ActionService failing = core.actionService(new ActionRegistry(List.of(new ActionHandler() {
            @Override
            public ActionSpec spec() {
                return real.spec();
            }

            @Override
            public ActionOutcome execute(ActionRequest request) {
                throw new IllegalStateException("the notes table is gone");
            }
        })));
        AiAction proposed = failing.propose(alice, null, CreateTaskNoteHandler.TYPE, note("x"));

        failing.confirm(alice, proposed.id());

        assertThat(audit.types()).containsExactly(AuditEventType.ACTION_CONFIRMED, AuditEventType.ACTION_FAILED);
    }

    @Test
    void aTopUpIsRecordedOnceInTheWalletsClientAndItsReplayRecordsNothing() {
        Caller platform = aCaller().user("ops").client("platform").roles(Role.PLATFORM_ADMIN).modules().build()
                .withRequestId(request);
        TopUpCommand topUp = new TopUpCommand(platform, new ClientId("c1"), new BrandId("b2"), 500,
                "invoice 99 for ACME", "key-1");

        core.walletService.topUp(topUp);
        core.walletService.topUp(topUp);
        assertThatThrownBy(() -> core.walletService.topUp(new TopUpCommand(alice, new ClientId("c1"), null, 5,
                "r", "key-2"))).isInstanceOf(OutOfScopeException.class);

        assertThat(audit.events()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AuditEventType.WALLET_TOPPED_UP);
            assertThat(event.clientId()).isEqualTo(new ClientId("c1"));
            assertThat(event.brandId()).isEqualTo(new BrandId("b2"));
            assertThat(event.actor()).isEqualTo(platform.userId());
            assertThat(event.details()).containsEntry("amount", "500").containsEntry("actorClientId", "platform")
                    .containsKey("walletId");
        });
        assertThat(audit.events().toString()).doesNotContain("invoice 99");
    }

    @Test
    void aDeviceLoginIsRecordedOnceWhenItsRowBecomesConnectedOrFailed() {
        AuditedLogins logins = new AuditedLogins(new InMemoryLoginRepository(), audit, Clock.systemUTC());
        TenantUser owner = alice.tenantUser();
        Instant now = Instant.now();
        AiLogin pending = new AiLogin(LoginId.newId(), owner, new ProviderId("codex"), LoginState.PENDING, null,
                now, now.plusSeconds(600), now);
        AiLogin other = new AiLogin(LoginId.newId(), owner, new ProviderId("codex"), LoginState.PENDING, null,
                now, now.plusSeconds(600), now);
        logins.save(pending);
        logins.save(other);

        logins.save(pending.ended(LoginState.CONNECTED, null, now));
        logins.save(pending.ended(LoginState.CONNECTED, null, now)); // a second poll or instance: no change
        logins.save(other.ended(LoginState.CANCELLED, null, now));
        logins.save(other.ended(LoginState.FAILED, "the sign-in failed", now));

        assertThat(audit.types()).containsExactly(AuditEventType.LOGIN_CONNECTED, AuditEventType.LOGIN_FAILED);
        assertThat(audit.events().get(0)).satisfies(event -> {
            assertThat(event.actor()).isEqualTo(owner.userId());
            assertThat(event.requestId()).isNull();
            assertThat(event.details()).isEqualTo(Map.of("provider", "codex", "loginId", pending.id().value(),
                    "method", "device"));
        });
    }

    @Test
    void aFailedAuditWriteIsCountedAndNeverThrown() {
        List<AuditEventType> failed = new ArrayList<>();
        GuardedAuditTrail guarded = new GuardedAuditTrail(new AuditTrail() {
            @Override
            public void record(AuditEvent event) {
                throw new IllegalStateException("the database is down");
            }

            @Override
            public Page<AuditEvent> find(AuditFilter filter, PageRequest page) {
                throw new UnsupportedOperationException();
            }
        }, failed::add);
        CoreFixture withBrokenTrail = new CoreFixture();
        AccountService accounts = new AccountService(withBrokenTrail.providers, withBrokenTrail.settings,
                withBrokenTrail.modelChoice, withBrokenTrail.accessPolicy, guarded, withBrokenTrail.clock);

        accounts.choose(alice, null, "fake-2"); // the change stands, the caller sees no error

        assertThat(accounts.catalog(alice, null).current()).isEqualTo("fake-2");
        assertThat(failed).containsExactly(AuditEventType.MODEL_CHANGED);
    }

    private static Map<String, Object> note(String title) {
        Map<String, Object> input = new HashMap<>();
        input.put("title", title);
        input.put("brandId", "b1");
        return input;
    }
}
