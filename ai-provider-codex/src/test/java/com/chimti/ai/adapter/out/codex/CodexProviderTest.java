package com.chimti.ai.adapter.out.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.adapter.out.codex.testing.FakeOpenAiServer;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.AccountState;
import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.testing.InMemoryLoginRepository;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The provider through its public API, running the real pinned CLI against {@link FakeOpenAiServer}. */
class CodexProviderTest extends RealCliTestBase {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private CodexProvider provider;
    private final InMemoryLoginRepository logins = new InMemoryLoginRepository();
    private final TenantUser alice = new TenantUser(new ClientId("client-1"), new UserId("user-alice"));
    private final TenantUser bob = new TenantUser(new ClientId("client-1"), new UserId("user-bob"));

    @AfterEach
    void noProcessLeft() {
        if (provider != null) {
            provider.close();
        }
        assertThat(codexProcesses()).isEmpty();
        fake.reset();
    }

    private CodexProvider provider(Duration loginExpiry) {
        return provider(loginExpiry, Duration.ofMinutes(5));
    }

    private CodexProvider provider(Duration loginExpiry, Duration idle) {
        Path config = fake.writeCodexConfig(dir.resolve("operator.toml"));
        Map<String, String> serverEnv = new HashMap<>(fake.loginIssuerEnv());
        serverEnv.put("AI_DB_PASSWORD", "db-secret");
        CodexSettings settings = new CodexSettings(null, CodexSettings.PINNED_VERSION, dir.resolve("profiles"),
                dir.resolve("workspaces"), new Secret("test-profile-secret"), config,
                List.of(FakeOpenAiServer.ISSUER_ENV), serverEnv, "gpt-5", List.of("gpt-5", "gpt-5-mini"),
                Duration.ofSeconds(15), loginExpiry, idle);
        provider = new CodexProvider(settings, logins, Clock.systemUTC());
        assertReady(provider);
        return provider;
    }

    private LoginStart.DevicePending deviceLogin(TenantUser user) {
        LoginStart start = provider.startLogin(new LoginRequest(user, LoginMethod.DEVICE, null));
        assertThat(start).isInstanceOf(LoginStart.DevicePending.class);
        return (LoginStart.DevicePending) start;
    }

    private void awaitState(TenantUser user, LoginId id, LoginState state) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> provider.loginStatus(user, id).status() == state);
    }

    @Test
    void deviceLoginConnectsAndShowsTheAccount() throws Exception {
        provider(Duration.ofMinutes(15));
        LoginStart.DevicePending pending = deviceLogin(alice);
        assertThat(pending.verificationUrl()).startsWith(fake.baseUrl());
        assertThat(pending.userCode()).isNotBlank();
        assertThat(provider.loginStatus(alice, pending.loginId()).status()).isEqualTo(LoginState.PENDING);
        assertThat(provider.accountStatus(alice).status()).isEqualTo(AccountState.LOGIN_PENDING);

        fake.approve(pending.userCode(), "alice@example.com", "plus");
        awaitState(alice, pending.loginId(), LoginState.CONNECTED);

        AccountStatus status = provider.accountStatus(alice);
        assertThat(status.status()).isEqualTo(AccountState.CONNECTED);
        assertThat(status.authMode()).isEqualTo("chatgpt");
        assertThat(status.plan()).isEqualTo("plus");
        assertThat(status.maskedEmail()).isEqualTo("a***@example.com");
        assertThat(status.limits()).isNotNull();
        assertThat(status.limits().primary().usedPercent()).isEqualTo(42.0);
        assertThat(status.limits().primary().windowMinutes()).isEqualTo(300);
        assertThat(status.limits().secondary()).isNotNull();
        assertThat(status.error()).isNull();

        // profile layout: HMAC folder name, modes
        Path profiles = dir.resolve("profiles/codex");
        String id = provider.profileId(alice);
        assertThat(id).matches("[0-9a-f]{64}").doesNotContain("alice");
        try (var list = Files.list(profiles)) {
            assertThat(list.map(p -> p.getFileName().toString())).containsExactly(id);
        }
        Path home = profiles.resolve(id);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profiles))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("workspaces/codex").resolve(id)))).isEqualTo("rwx------");
        Path auth = home.resolve("auth.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auth))).isEqualTo("rw-------");

        // a looser mode is fixed before the next use
        Files.setPosixFilePermissions(auth, PosixFilePermissions.fromString("rw-r--r--"));
        provider.accountStatus(alice);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(auth))).isEqualTo("rw-------");

        provider.logout(alice);
        assertThat(provider.accountStatus(alice).status()).isEqualTo(AccountState.DISCONNECTED);
    }

    @Test
    void aLoginNeverApprovedExpires() {
        provider(Duration.ofSeconds(3));
        LoginStart.DevicePending pending = deviceLogin(alice);
        awaitState(alice, pending.loginId(), LoginState.EXPIRED);
        assertThat(provider.loginStatus(alice, pending.loginId()).error()).contains("expired");
        assertThat(provider.accountStatus(alice).status()).isEqualTo(AccountState.DISCONNECTED);
        assertThat(provider.accountStatus(alice).error().code()).isEqualTo("login_expired");
    }

    @Test
    void aCancelledLoginStopsAndANewStartReplacesTheOld() {
        provider(Duration.ofMinutes(15));
        LoginStart.DevicePending first = deviceLogin(alice);
        LoginStart.DevicePending second = deviceLogin(alice);
        assertThat(provider.loginStatus(alice, first.loginId()).status()).isEqualTo(LoginState.CANCELLED);
        provider.cancelLogin(alice, second.loginId());
        assertThat(provider.loginStatus(alice, second.loginId()).status()).isEqualTo(LoginState.CANCELLED);
        // approving afterwards changes nothing
        fake.approve(second.userCode(), "alice@example.com", "plus");
        assertThat(provider.accountStatus(alice).status()).isEqualTo(AccountState.DISCONNECTED);
    }

    @Test
    void aRefusedTokenExchangeFailsWithAReason() {
        provider(Duration.ofMinutes(15));
        fake.refuseTokenExchange(true);
        LoginStart.DevicePending pending = deviceLogin(alice);
        fake.approve(pending.userCode(), "alice@example.com", "plus");
        awaitState(alice, pending.loginId(), LoginState.FAILED);
        String reason = provider.loginStatus(alice, pending.loginId()).error();
        assertThat(reason).startsWith("The sign-in failed").doesNotContain("body=");
        assertThat(provider.accountStatus(alice).error().code()).isEqualTo("login_failed");
        assertThat(provider.accountStatus(alice).status()).isEqualTo(AccountState.DISCONNECTED);
    }

    @Test
    void apiKeyLoginConnectsAndLogoutDisconnects() {
        provider(Duration.ofMinutes(15));
        LoginStart start = provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret("sk-alice")));
        assertThat(start).isInstanceOf(LoginStart.Connected.class);
        AccountStatus status = provider.accountStatus(alice);
        assertThat(status.status()).isEqualTo(AccountState.CONNECTED);
        assertThat(status.authMode()).isEqualTo("apiKey");
        // switch (what the core service does): logout, then a new (device) login
        provider.logout(alice);
        assertThat(provider.accountStatus(alice).status()).isEqualTo(AccountState.DISCONNECTED);
        LoginStart.DevicePending pending = deviceLogin(alice);
        fake.approve(pending.userCode(), "alice@example.com", "team");
        awaitState(alice, pending.loginId(), LoginState.CONNECTED);
        assertThat(provider.accountStatus(alice).authMode()).isEqualTo("chatgpt");
        assertThat(provider.accountStatus(alice).plan()).isEqualTo("team");
    }

    @Test
    void aLoginWhoseProcessDiesFailsAndOneLeftByAPreviousRunExpires() {
        provider(Duration.ofMinutes(15));
        LoginStart.DevicePending pending = deviceLogin(alice);
        codexProcesses().forEach(ProcessHandle::destroyForcibly);
        awaitState(alice, pending.loginId(), LoginState.FAILED);
        assertThat(provider.loginStatus(alice, pending.loginId()).error()).contains("stopped");

        Instant past = Instant.now().minusSeconds(3600);
        AiLogin stale = new AiLogin(LoginId.newId(), bob, CodexProvider.ID, LoginState.PENDING, null, past,
                past.plusSeconds(900), past);
        logins.save(stale);
        assertThat(provider.loginStatus(bob, stale.id()).status()).isEqualTo(LoginState.EXPIRED);
    }

    @Test
    void concurrentCallsOfOneUserShareOneProcess() throws Exception {
        provider(Duration.ofMinutes(15));
        List<CompletableFuture<List<AiModel>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> provider.listModels(alice)));
        }
        for (CompletableFuture<List<AiModel>> call : calls) {
            assertThat(call.get(30, TimeUnit.SECONDS)).isNotEmpty();
        }
        assertThat(provider.runningAppServers()).isEqualTo(1);
        assertThat(codexProcesses()).hasSize(1);
    }

    @Test
    void modelsAreListedAndTheChoiceIsWrittenToTheProfile() throws Exception {
        provider(Duration.ofMinutes(15));
        List<AiModel> models = provider.listModels(alice);
        assertThat(models).isNotEmpty();
        assertThat(provider.defaultModel()).isEqualTo("gpt-5");
        String chosen = models.get(models.size() - 1).id();
        provider.updateModel(alice, chosen);
        Path config = dir.resolve("profiles/codex").resolve(provider.profileId(alice)).resolve("config.toml");
        String toml = Files.readString(config);
        assertThat(new TomlMapper().readTree(toml).path("model").asText()).isEqualTo(chosen);
        assertThat(toml).contains("model_providers.fake.base_url");
        assertThat(provider.accountStatus(alice).model()).isEqualTo(chosen);
        // fallback list from the settings
        assertThat(provider.configuredModels()).extracting(AiModel::id).containsExactly("gpt-5", "gpt-5-mini");
    }

    @Test
    void twoUsersUseOnlyTheirOwnCredentials() {
        provider(Duration.ofMinutes(15));
        LoginStart.DevicePending a = deviceLogin(alice);
        LoginStart.DevicePending b = deviceLogin(bob);
        assertThatThrownBy(() -> provider.loginStatus(bob, a.loginId())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> provider.cancelLogin(bob, a.loginId())).isInstanceOf(NotFoundException.class);
        assertThat(provider.loginStatus(alice, a.loginId()).status()).isEqualTo(LoginState.PENDING);

        FakeOpenAiServer.Identity aliceId = fake.approve(a.userCode(), "alice@example.com", "plus");
        FakeOpenAiServer.Identity bobId = fake.approve(b.userCode(), "bob@example.org", "pro");
        awaitState(alice, a.loginId(), LoginState.CONNECTED);
        awaitState(bob, b.loginId(), LoginState.CONNECTED);
        assertThat(provider.profileId(alice)).isNotEqualTo(provider.profileId(bob));

        // limits come back through each user's own token (the fake answers per token)
        fake.usedPercent("alice@example.com", 11);
        fake.usedPercent("bob@example.org", 22);
        AccountStatus aliceStatus = provider.accountStatus(alice);
        AccountStatus bobStatus = provider.accountStatus(bob);
        assertThat(aliceStatus.maskedEmail()).isEqualTo("a***@example.com");
        assertThat(aliceStatus.limits().primary().usedPercent()).isEqualTo(11.0);
        assertThat(bobStatus.maskedEmail()).isEqualTo("b***@example.org");
        assertThat(bobStatus.plan()).isEqualTo("pro");
        assertThat(bobStatus.limits().primary().usedPercent()).isEqualTo(22.0);

        // model traffic is only ever asked for by a turn: each carries its user's access token
        int before = fake.requestsTo("/v1/responses").size();
        provider.complete(turn(alice, "hi", Duration.ofSeconds(30), null));
        List<FakeOpenAiServer.Recorded> calls = fake.requestsTo("/v1/responses");
        assertThat(calls.subList(before, calls.size())).isNotEmpty()
                .allSatisfy(r -> assertThat(r.carries(aliceId.accessToken())).isTrue());
        before = calls.size();
        provider.complete(turn(bob, "hi", Duration.ofSeconds(30), null));
        calls = fake.requestsTo("/v1/responses");
        assertThat(calls.subList(before, calls.size())).isNotEmpty()
                .allSatisfy(r -> assertThat(r.carries(bobId.accessToken())).isTrue());

        // and no request anywhere carried a credential the fake did not issue
        assertThat(fake.requests())
                .filteredOn(r -> r.authorization() != null && r.authorization().startsWith("Bearer eyJ"))
                .allSatisfy(r -> assertThat(fake.issuedAccessTokens()).contains(r.authorization().substring(7)));
        assertThat(provider.runningAppServers()).isEqualTo(2);
    }


    private static CompletionRequest turn(TenantUser user, String text, Duration timeout, CancellationSignal cancel) {
        return new CompletionRequest(user, null, null, null, List.of(new PromptMessage(MessageRole.USER, text)),
                null, null, timeout, cancel);
    }

    @Test
    void aChatTurnStreamsWithTheUsersOwnKey() {
        provider(Duration.ofMinutes(15));
        provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret("sk-alice")));
        provider.startLogin(new LoginRequest(bob, LoginMethod.API_KEY, new Secret("sk-bob")));
        fake.reply("Hello Alice, here is your answer.");
        StringBuilder deltas = new StringBuilder();
        List<TokenUsage> usages = new CopyOnWriteArrayList<>();
        int before = fake.requestsTo("/v1/responses").size();
        CompletionResult result = provider.complete(turn(alice, "hi", Duration.ofSeconds(30), null),
                new TurnListener() {
                    @Override
                    public void onDelta(String text) {
                        deltas.append(text);
                    }

                    @Override
                    public void onUsage(TokenUsage usage) {
                        usages.add(usage);
                    }
                });
        assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(result.text()).isEqualTo("Hello Alice, here is your answer.");
        assertThat(deltas.toString()).isEqualTo(result.text());
        assertThat(result.usage().inputTokens()).isPositive();
        assertThat(result.usage().outputTokens()).isPositive();
        assertThat(result.model()).isEqualTo("gpt-5");
        List<FakeOpenAiServer.Recorded> calls = fake.requestsTo("/v1/responses");
        assertThat(calls.subList(before, calls.size())).isNotEmpty()
                .allSatisfy(r -> assertThat(r.carries("sk-alice")).isTrue());

        before = fake.requestsTo("/v1/responses").size();
        provider.complete(turn(bob, "hi", Duration.ofSeconds(30), null));
        calls = fake.requestsTo("/v1/responses");
        assertThat(calls.subList(before, calls.size())).isNotEmpty()
                .allSatisfy(r -> assertThat(r.carries("sk-bob")).isTrue());
    }

    @Test
    void aUsedUpPlanIsRateLimited() {
        provider(Duration.ofMinutes(15));
        provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret("sk-alice")));
        fake.usageLimitReached(true);
        assertThatThrownBy(() -> provider.complete(turn(alice, "hi", Duration.ofSeconds(20), null)))
                .isInstanceOf(RateLimitedException.class);
    }

    @Test
    void aTurnWithoutAnAccountIsRefused() {
        provider(Duration.ofMinutes(15));
        assertThatThrownBy(() -> provider.complete(turn(alice, "hi", Duration.ofSeconds(10), null)))
                .isInstanceOf(ProviderNotConnectedException.class);
    }

    @Test
    void aStalledTurnTimesOutAndACancelledOneStops() {
        provider(Duration.ofMinutes(15));
        provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret("sk-alice")));
        fake.stallResponses(true);
        CompletionResult timedOut = provider.complete(turn(alice, "hi", Duration.ofSeconds(2), null));
        assertThat(timedOut.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);

        CancellationSignal cancel = new CancellationSignal();
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(cancel::cancel);
        long start = System.nanoTime();
        CompletionResult cancelled = provider.complete(turn(alice, "hi", Duration.ofSeconds(30), cancel));
        assertThat(cancelled.outcome()).isEqualTo(TurnOutcome.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void warmUpStartsAConnectedUsersAppServerAheadAndTheTurnUsesIt() {
        provider(Duration.ofMinutes(15), Duration.ofSeconds(2));
        provider.startLogin(new LoginRequest(alice, LoginMethod.API_KEY, new Secret("sk-alice")));
        await().atMost(WAIT).until(() -> provider.appServerPid(alice) == -1); // idle: stopped

        provider.warmUp(bob); // never logged in: nothing to start
        provider.warmUp(alice);
        await().atMost(WAIT).until(() -> provider.appServerPid(alice) != -1);
        long warmed = provider.appServerPid(alice);
        assertThat(provider.appServerPid(bob)).isEqualTo(-1);
        provider.warmUp(alice); // already warm: no second process
        assertThat(provider.runningAppServers()).isEqualTo(1);

        assertThat(provider.complete(turn(alice, "hi", Duration.ofSeconds(30), null)).outcome())
                .isEqualTo(TurnOutcome.COMPLETED);
        assertThat(provider.appServerPid(alice)).isEqualTo(warmed);
        assertThat(codexProcesses()).hasSize(1);
    }

    @Test
    void idleAppServersStopAndLeftoversOfAPreviousRunAreKilled() throws Exception {
        provider(Duration.ofMinutes(15), Duration.ofMillis(500));
        provider.listModels(alice);
        await().atMost(WAIT).until(() -> provider.runningAppServers() == 0);
        assertThat(codexProcesses()).isEmpty();

        // a "crashed" run: its process and pid file stay behind
        CodexProvider crashed = provider;
        crashed.listModels(alice);
        assertThat(codexProcesses()).hasSize(1);
        Path pidFile = dir.resolve("profiles/codex").resolve(crashed.profileId(alice)).resolve("app-server.pid");
        assertThat(pidFile).exists();
        provider(Duration.ofMinutes(15));
        assertThat(codexProcesses()).isEmpty();
        assertThat(pidFile).doesNotExist();
        crashed.close();
    }
}
