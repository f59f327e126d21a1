package com.chimti.ai.adapter.out.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.CodexSettings.ExecMode;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.AccountState;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.testing.InMemoryLoginRepository;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Erasure in the Codex adapter, with the real CLI against the fake model: forgetting a user stops their process
 * while a turn runs on it, and deletes their profile and workspace; the same sub in another client keeps theirs.
 */
class CodexForgetTest extends RealCliTestBase {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final InMemoryLoginRepository logins = new InMemoryLoginRepository();
    private final TenantUser alice = new TenantUser(new ClientId("client-1"), new UserId("user-alice"));
    private final TenantUser aliceElsewhere = new TenantUser(new ClientId("client-2"), new UserId("user-alice"));
    private CodexProvider provider;

    @AfterEach
    void noProcessLeft() {
        if (provider != null) {
            provider.close();
        }
        assertThat(codexProcesses()).isEmpty();
        fake.reset();
    }

    private Path home(TenantUser user) {
        return dir.resolve("profiles/codex").resolve(provider.profileId(user));
    }

    private Path workspace(TenantUser user) {
        return dir.resolve("workspaces/codex").resolve(provider.profileId(user));
    }

    @ParameterizedTest
    @EnumSource(ExecMode.class)
    void aRunningTurnsProcessStopsAndTheProfileAndWorkspaceAreDeleted(ExecMode mode) throws Exception {
        provider = new CodexProvider(settings(mode), logins, Clock.systemUTC());
        assertReady(provider);
        provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret("sk-alice")));
        provider.startLogin(new LoginRequest(aliceElsewhere, LoginMethod.API_KEY, new Secret("sk-elsewhere")));
        // a pending device login holds the app-server; an exec turn would wait for it, so app-server mode only
        LoginStart.DevicePending pending = mode == ExecMode.APP_SERVER ? (LoginStart.DevicePending)
                provider.startLogin(new LoginRequest(alice, LoginMethod.DEVICE, null)) : null;
        fake.stallResponses(true);
        int before = fake.requestsTo("/v1/responses").size();
        List<Long> earlier = codexProcesses().stream().map(ProcessHandle::pid).toList();
        CompletableFuture<CompletionResult> turn = CompletableFuture.supplyAsync(() -> provider.complete(
                new CompletionRequest(alice, null, null, null, List.of(new PromptMessage(MessageRole.USER, "hi")),
                        null, null, Duration.ofMinutes(2), null), TurnListener.NONE));
        // the model was asked: the turn's process runs and waits for the answer
        await().atMost(WAIT).until(() -> fake.requestsTo("/v1/responses").size() > before);
        // alice's: her app-server (app-server mode), or the exec process her turn started
        List<ProcessHandle> running = new java.util.ArrayList<>(codexProcesses().stream()
                .filter(p -> !earlier.contains(p.pid())).toList());
        ProcessHandle.of(provider.appServerPid(alice)).ifPresent(running::add);
        assertThat(running).isNotEmpty();
        assertThat(home(alice)).isDirectory();
        assertThat(workspace(alice)).isDirectory();

        provider.forget(alice);

        CompletionResult ended = turn.handle((result, failure) -> result).get(10, TimeUnit.SECONDS);
        assertThat(ended == null || ended.outcome() != TurnOutcome.COMPLETED).isTrue();
        assertThat(home(alice)).doesNotExist();
        assertThat(workspace(alice)).doesNotExist();
        if (pending != null) {
            assertThat(provider.loginStatus(alice, pending.loginId()).status()).isEqualTo(LoginState.CANCELLED);
        }
        assertThat(provider.accountStatus(alice).status()).isEqualTo(AccountState.DISCONNECTED);
        await().atMost(WAIT).until(() -> running.stream().noneMatch(ProcessHandle::isAlive));
        // the same sub in another client is another user: untouched
        assertThat(home(aliceElsewhere).resolve("auth.json")).exists();
        fake.stallResponses(false);
        assertThat(provider.complete(new CompletionRequest(aliceElsewhere, null, null, null,
                List.of(new PromptMessage(MessageRole.USER, "still there?")), null, null, Duration.ofSeconds(30),
                null)).outcome()).isEqualTo(TurnOutcome.COMPLETED);

        provider.forget(alice); // again: nothing left, no error
        assertThat(home(alice)).doesNotExist();
    }
}
