package com.chimti.ai.adapter.out.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.CodexSettings.ExecMode;
import com.chimti.ai.adapter.out.codex.process.ProcessLimits;
import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.AccountState;
import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.TurnCapacity;
import com.chimti.ai.core.testing.InMemoryLoginRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The global cap on live CLI processes with the real pinned CLI against {@link FakeOpenAiServer}, at caps of 1
 * and 2: idle warm app-servers are stopped least recently used first, a running turn or a pending device login
 * never, callers queue for the freed process, and past the queue they are refused (429).
 */
class ProcessCapCliTest extends RealCliTestBase {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private CodexProvider provider;
    private final TenantUser alice = new TenantUser(new ClientId("client-1"), new UserId("user-alice"));
    private final TenantUser bob = new TenantUser(new ClientId("client-1"), new UserId("user-bob"));
    private final TenantUser carol = new TenantUser(new ClientId("client-1"), new UserId("user-carol"));

    @AfterEach
    void noProcessLeft() {
        fake.releaseHeld();
        fake.reset();
        if (provider != null) {
            provider.close();
        }
        await().atMost(WAIT).until(() -> codexProcesses().isEmpty());
    }

    private CodexProvider provider(ExecMode mode, int maxProcesses, int queue, Duration queueWait) {
        CodexSettings settings = settings(mode);
        provider = new CodexProvider(settings, new InMemoryLoginRepository(), Clock.systemUTC(),
                new ProcessLimits(maxProcesses, queue, queueWait, Duration.ofSeconds(3)));
        assertReady(provider);
        return provider;
    }

    private void apiKeyLogin(TenantUser user) {
        provider.startLogin(new LoginRequest(user, LoginMethod.API_KEY, new Secret("sk-" + user.userId().value())));
    }

    private CompletionRequest turn(TenantUser user) {
        return new CompletionRequest(user, null, null, null,
                List.of(new PromptMessage(MessageRole.USER, "hello")), null, null, WAIT, null);
    }

    private static <T> CompletableFuture<T> inThread(String name, java.util.function.Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, runnable -> new Thread(runnable, name).start());
    }

    @Test
    void atTheCapTheLeastRecentlyUsedIdleAppServerIsStoppedAndAWarmTurnStartsNoProcess() {
        provider(ExecMode.APP_SERVER, 2, 4, WAIT);
        apiKeyLogin(alice);
        apiKeyLogin(bob);
        long alicePid = provider.appServerPid(alice);
        long bobPid = provider.appServerPid(bob);
        assertThat(alicePid).isPositive();
        assertThat(bobPid).isPositive();
        assertThat(provider.liveProcesses()).isEqualTo(2);

        // alice's turn runs on her warm process: no start, and it makes her the most recently used
        fake.reply("warm answer");
        CompletionResult result = provider.complete(turn(alice));
        assertThat(result.text()).isEqualTo("warm answer");
        assertThat(provider.appServerPid(alice)).isEqualTo(alicePid);

        apiKeyLogin(carol);

        assertThat(provider.appServerPid(bob)).as("bob's idle app-server, the least recently used").isEqualTo(-1);
        assertThat(ProcessHandle.of(bobPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(provider.appServerPid(alice)).isEqualTo(alicePid);
        assertThat(provider.appServerPid(carol)).isPositive();
        assertThat(provider.liveProcesses()).isEqualTo(2);
        assertThat(codexProcesses()).hasSize(2);
    }

    @Test
    void aRunningTurnIsNeverStoppedAndTheNextCallerGetsItsProcessWhenTheTurnEnds() throws Exception {
        provider(ExecMode.APP_SERVER, 1, 4, WAIT);
        apiKeyLogin(bob);
        apiKeyLogin(alice); // bob's idle app-server made room
        fake.reply("a held answer");
        fake.holdAfterDeltas(1);
        CompletableFuture<CompletionResult> aliceTurn = inThread("alice-turn", () -> provider.complete(turn(alice)));
        await().atMost(WAIT).until(() -> fake.holding() == 1);
        long alicePid = provider.appServerPid(alice);

        CompletableFuture<TurnCapacity> bobReservation = inThread("bob-reserve", () -> provider.reserveTurn(bob));
        await().atMost(WAIT).until(() -> provider.queuedForProcess() == 1);
        assertThat(bobReservation).isNotDone();
        assertThat(provider.appServerPid(alice)).isEqualTo(alicePid);

        fake.releaseHeld();
        assertThat(aliceTurn.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.COMPLETED);
        try (TurnCapacity reserved = bobReservation.get(60, TimeUnit.SECONDS)) {
            assertThat(provider.appServerPid(alice)).isEqualTo(-1);
            assertThat(provider.appServerPid(bob)).isPositive();
            assertThat(provider.liveProcesses()).isEqualTo(1);
            fake.reply("bob's answer");
            assertThat(provider.complete(turn(bob)).text()).isEqualTo("bob's answer");
        }
    }

    @Test
    void pastTheQueueCallersAreRefusedWithRetryAfter() throws Exception {
        provider(ExecMode.APP_SERVER, 1, 1, Duration.ofSeconds(2));
        apiKeyLogin(bob);
        apiKeyLogin(carol);
        apiKeyLogin(alice);
        fake.holdAfterDeltas(1);
        CompletableFuture<CompletionResult> aliceTurn = inThread("alice-turn", () -> provider.complete(turn(alice)));
        await().atMost(WAIT).until(() -> fake.holding() == 1);

        CompletableFuture<TurnCapacity> bobWaits = inThread("bob-reserve", () -> provider.reserveTurn(bob));
        await().atMost(WAIT).until(() -> provider.queuedForProcess() == 1);

        // the queue (length 1) is full: refused at once
        assertThatThrownBy(() -> provider.reserveTurn(carol)).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        // a status read that finds no free process says so instead of failing
        AccountStatus carolStatus = provider.accountStatus(carol);
        assertThat(carolStatus.status()).isEqualTo(AccountState.ERROR);
        assertThat(carolStatus.error().code()).isEqualTo("provider_busy");
        // bob's wait runs out while alice's turn still runs
        assertThatThrownBy(() -> bobWaits.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(RateLimitedException.class);
        assertThat(provider.queuedForProcess()).isZero();
        assertThat(provider.appServerPid(alice)).isPositive();

        fake.releaseHeld();
        assertThat(aliceTurn.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(TurnOutcome.COMPLETED);
    }

    @Test
    void aPendingDeviceLoginIsNeverStoppedToMakeRoom() {
        provider(ExecMode.APP_SERVER, 1, 1, Duration.ofSeconds(1));
        LoginStart start = provider.startLogin(new LoginRequest(alice, LoginMethod.DEVICE, null));
        assertThat(start).isInstanceOf(LoginStart.DevicePending.class);
        long alicePid = provider.appServerPid(alice);

        assertThatThrownBy(() -> apiKeyLogin(bob)).isInstanceOf(RateLimitedException.class);

        assertThat(provider.appServerPid(alice)).isEqualTo(alicePid);
        assertThat(provider.appServerPid(bob)).isEqualTo(-1);
    }

    @Test
    void execProcessesCountAgainstTheSameCap() throws Exception {
        provider(ExecMode.EXEC, 1, 2, WAIT);
        apiKeyLogin(alice);
        fake.reply("exec answer");
        fake.holdAfterDeltas(1);
        CompletableFuture<CompletionResult> aliceTurn = inThread("alice-exec", () -> provider.complete(turn(alice)));
        await().atMost(WAIT).until(() -> fake.holding() == 1);
        // alice's idle app-server (from her login) made way for the exec process, which holds the only place
        assertThat(provider.appServerPid(alice)).isEqualTo(-1);
        assertThat(provider.liveProcesses()).isEqualTo(1);

        CompletableFuture<Void> bobLogin = CompletableFuture.runAsync(() -> apiKeyLogin(bob),
                runnable -> new Thread(runnable, "bob-login").start());
        await().atMost(WAIT).until(() -> provider.queuedForProcess() == 1);
        assertThat(bobLogin).isNotDone();

        fake.releaseHeld();
        assertThat(aliceTurn.get(60, TimeUnit.SECONDS).text()).isEqualTo("exec answer");
        bobLogin.get(60, TimeUnit.SECONDS);
        assertThat(provider.appServerPid(bob)).isPositive();
        assertThat(provider.liveProcesses()).isEqualTo(1);
    }

    @Test
    void aWarmUpNeverStopsAnotherUsersProcessNorWaitsForOne() {
        provider(ExecMode.APP_SERVER, 1, 4, Duration.ofSeconds(5));
        apiKeyLogin(alice);
        apiKeyLogin(bob); // the cap is full: alice's idle app-server made room for bob's
        await().atMost(WAIT).until(() -> provider.appServerPid(alice) == -1);
        long bobs = provider.appServerPid(bob);
        assertThat(bobs).isNotEqualTo(-1);

        provider.warmUp(alice);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                provider.appServerPid(alice) == -1 && provider.appServerPid(bob) == bobs);
        assertThat(provider.liveProcesses()).isEqualTo(1);
        assertThat(provider.queuedForProcess()).isZero();
    }
}
