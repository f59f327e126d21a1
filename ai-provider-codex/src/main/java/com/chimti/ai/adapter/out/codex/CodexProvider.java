package com.chimti.ai.adapter.out.codex;

import com.chimti.ai.adapter.out.codex.account.AccountStatusReader;
import com.chimti.ai.adapter.out.codex.account.ModelCatalog;
import com.chimti.ai.adapter.out.codex.account.UsageLimitMemory;
import com.chimti.ai.adapter.out.codex.login.CodexLogins;
import com.chimti.ai.adapter.out.codex.process.ChildEnvironment;
import com.chimti.ai.adapter.out.codex.process.CodexCli;
import com.chimti.ai.adapter.out.codex.process.Confinement;
import com.chimti.ai.adapter.out.codex.process.ProcessLimits;
import com.chimti.ai.adapter.out.codex.profile.CodexProfiles;
import com.chimti.ai.adapter.out.codex.runtime.AppServerLease;
import com.chimti.ai.adapter.out.codex.runtime.CodexRuntime;
import com.chimti.ai.adapter.out.codex.runtime.ExecLease;
import com.chimti.ai.adapter.out.codex.turn.CodexExecTurn;
import com.chimti.ai.adapter.out.codex.turn.CodexTurn;
import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginStatus;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.ProviderReadiness;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.AiAccounts;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.LoginRepository;
import com.chimti.ai.core.port.out.TurnCapacity;
import com.chimti.ai.core.port.out.TurnListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code codex} provider, both ports of it: every user's work goes through that user's own Codex CLI, in an
 * isolated CODEX_HOME named by an HMAC of the user, so one user's credentials never serve another. A facade: the
 * {@link CodexRuntime} owns the processes and hands turns their leases ({@code turn}), {@link CodexLogins} runs
 * the sign-ins ({@code login}), and the {@code account} package reads the account and its models.
 */
public final class CodexProvider implements AiProvider, AiAccounts, AutoCloseable {
    public static final ProviderId ID = new ProviderId("codex");
    private static final Logger LOG = LoggerFactory.getLogger(CodexProvider.class);

    private final CodexSettings settings;
    private final CodexProfiles profiles;
    /** Reaps idle app-servers, expires device logins and follows logins ended elsewhere. */
    private final ScheduledExecutorService timer;
    private final CodexRuntime runtime;
    private final CodexLogins logins;
    private final UsageLimitMemory limitHits;
    private final AccountStatusReader accounts;
    private final ModelCatalog models;

    public CodexProvider(CodexSettings settings, LoginRepository logins, Clock clock) {
        this(settings, logins, clock, ProcessLimits.forThisMachine());
    }

    /** @param limits the global cap on live CLI processes (warm app-servers and exec processes) and its queue */
    public CodexProvider(CodexSettings settings, LoginRepository logins, Clock clock, ProcessLimits limits) {
        this(settings, logins, clock, limits, new CodexProfiles(settings.profileRoot(), settings.workspaceRoot(),
                settings.profileHashSecret(), settings.configFile(), settings.defaultModel()));
    }

    /** Tests give their own profiles (e.g. with the CLI's tools left on, to test the OS confinement alone). */
    CodexProvider(CodexSettings settings, LoginRepository loginRepository, Clock clock, ProcessLimits limits,
                  CodexProfiles profiles) {
        this.settings = settings;
        this.profiles = profiles;
        CodexCli cli = CodexCli.resolve(settings.cliBin(), settings.expectedVersion(),
                settings.versionCheck() == CodexSettings.VersionCheck.WARN);
        Confinement confinement = Confinement.probe(settings.confinement(), cli.bin());
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "codex-provider-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.runtime = new CodexRuntime(cli, confinement, profiles,
                new ChildEnvironment(settings.sourceEnvironment(), settings.envPassthrough()), limits,
                settings.requestTimeout(), settings.idleTimeout(), timer);
        ProviderReadiness readiness = runtime.readiness();
        if (!readiness.ready()) {
            LOG.warn("Codex provider not ready: {}", readiness.problem());
        } else if (readiness.warning() != null) {
            LOG.warn("Codex provider: {}", readiness.warning());
        } else {
            LOG.info("Codex CLI {} runs {}", cli.version(), confinement);
        }
        this.logins = new CodexLogins(ID, runtime, profiles, loginRepository, clock, settings.loginExpiry(), timer);
        this.limitHits = new UsageLimitMemory(clock);
        this.accounts = new AccountStatusReader(ID, runtime, profiles, settings.defaultModel(), limitHits);
        this.models = new ModelCatalog(runtime, profiles, settings.defaultModel(), settings.modelOptions());
    }

    @Override
    public ProviderId id() {
        return ID;
    }

    @Override
    public String defaultModel() {
        return settings.defaultModel();
    }

    @Override
    public ProviderReadiness readiness() {
        return runtime.readiness();
    }

    /** Whether CLI processes run under OS confinement (bubblewrap); for health pages, metrics and tests. */
    public boolean confined() {
        return runtime.confinement().active();
    }

    /** The version the CLI reported (null when none was found); for metrics. */
    public String cliVersion() {
        return runtime.cli().version();
    }

    /** False when the CLI is not the pinned version and runs anyway ({@code CODEX_CLI_VERSION_CHECK=warn}). */
    public boolean cliTested() {
        return runtime.cli().tested();
    }

    /** The CODEX_HOME folder name of a user (hex HMAC-SHA256 of client id and user id); for operators and tests. */
    public String profileId(TenantUser user) {
        return profiles.profileId(user);
    }

    /**
     * Moves a profile from before V9 (named by the sub alone) to the user's (client, sub) name; see
     * {@link CodexProfiles#moveLegacy}. For start-up, before any of the user's processes runs.
     */
    public CodexProfiles.LegacyMove moveLegacyProfile(TenantUser user) {
        return profiles.moveLegacy(user);
    }

    // ---------------------------------------------------------------- accounts

    @Override
    public AccountStatus accountStatus(TenantUser user) {
        return accounts.status(user, logins.pending(user), logins.lastError(user));
    }

    @Override
    public LoginStart startLogin(LoginRequest request) {
        return logins.start(request);
    }

    @Override
    public LoginStatus loginStatus(TenantUser user, LoginId loginId) {
        return logins.status(user, loginId);
    }

    @Override
    public void cancelLogin(TenantUser user, LoginId loginId) {
        logins.cancel(user, loginId);
    }

    @Override
    public void logout(TenantUser user) {
        logins.logout(user);
    }

    @Override
    public List<AiModel> listModels(TenantUser user) {
        return models.list(user);
    }

    @Override
    public void updateModel(TenantUser user, String model) {
        models.choose(user, model);
    }

    /**
     * Erasure: the user's pending login ends, every process of theirs stops (a running turn's included), and
     * their profile (credentials, config, the CLI's own files) and workspace are deleted. Idempotent.
     */
    @Override
    public void forget(TenantUser user) {
        logins.forget(user);
        runtime.forget(user);
        limitHits.clear(user);
        LOG.info("codex profile of a user deleted");
    }

    // ---------------------------------------------------------------- turns

    /**
     * Starts a connected user's app-server in the background (app-server mode), unless it runs already or no
     * place under the process cap is free now: the next turn then finds it warm.
     */
    @Override
    public void warmUp(TenantUser user) {
        if (settings.execMode() == CodexSettings.ExecMode.APP_SERVER) {
            runtime.warmUp(user);
        }
    }

    /**
     * The user's place under the process cap, taken before the turn is stored: in app-server mode a lease on
     * the user's app-server (started now if it is not warm; a warm one is kept from being evicted), in exec
     * mode a permit for the exec process. Refuses with {@link RateLimitedException} past the cap's queue.
     */
    @Override
    public TurnCapacity reserveTurn(TenantUser user) {
        if (!runtime.readiness().ready() || !profiles.hasCredentials(user)) {
            return TurnCapacity.NONE; // the turn fails on its own, without a process
        }
        return settings.execMode() == CodexSettings.ExecMode.EXEC ? runtime.reserveExecProcess(user)
                : runtime.reserveAppServer(user);
    }

    @Override
    public CompletionResult complete(CompletionRequest request, TurnListener listener) {
        runtime.ensureReady();
        TenantUser user = request.user();
        LOG.info("codex turn starting (mode {}, chat {}, {} messages)", settings.execMode().wireName(),
                request.chatId() == null ? "none" : "yes", request.messages().size());
        long started = System.nanoTime();
        try {
            CompletionResult result = settings.execMode() == CodexSettings.ExecMode.EXEC
                    ? execTurn(request, listener)
                    : appServerTurn(request, listener);
            if (result.outcome() == TurnOutcome.COMPLETED) {
                limitHits.clear(user);
            }
            LOG.info("codex turn ended: {} in {} ms", result.outcome(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return result;
        } catch (RateLimitedException e) {
            limitHits.hit(user, e.retryAfter());
            LOG.info("codex turn rate limited (retry after {} s)", e.retryAfter().toSeconds());
            throw e;
        } catch (RuntimeException e) {
            LOG.info("codex turn failed: {}", e.getClass().getSimpleName());
            throw e;
        }
    }

    private CompletionResult appServerTurn(CompletionRequest request, TurnListener listener) {
        TenantUser user = request.user();
        CodexTurn turn = new CodexTurn(request, listener, model(request), profiles.home(user),
                profiles.workspace(user));
        try (AppServerLease lease = runtime.turnLease(user)) {
            return turn.run(lease);
        }
    }

    private CompletionResult execTurn(CompletionRequest request, TurnListener listener) {
        TenantUser user = request.user();
        if (!profiles.hasCredentials(user)) {
            throw new ProviderNotConnectedException("no Codex account is connected");
        }
        CodexExecTurn turn = new CodexExecTurn(request, listener, model(request));
        // the profile's other calls may hold it for as long as one JSON-RPC answer takes
        Duration wait = request.timeout().compareTo(settings.requestTimeout()) <= 0
                ? request.timeout() : settings.requestTimeout();
        try (ExecLease lease = runtime.execLease(user, wait)) {
            return turn.run(lease);
        }
    }

    /** The request's model, else the user's choice. */
    private String model(CompletionRequest request) {
        return request.model() == null || request.model().isBlank() ? models.current(request.user())
                : request.model();
    }

    /** Ends pending logins, then stops every CLI process. */
    @Override
    public void close() {
        timer.shutdownNow();
        logins.close();
        runtime.close();
    }

    // ---------------------------------------------------------------- for tests, health pages and metrics

    /** How many per-user app-servers are running. */
    public int runningAppServers() {
        return runtime.runningAppServers();
    }

    /** The pid of the user's running app-server, or -1 when none is warm. */
    long appServerPid(TenantUser user) {
        return runtime.appServerPid(user);
    }

    /** Places under the process cap held now (app-servers and exec processes). */
    public int liveProcesses() {
        return runtime.liveProcesses();
    }

    /** Callers waiting for a place under the process cap. */
    public int queuedForProcess() {
        return runtime.queuedForProcess();
    }

    /** The cap on live CLI processes. */
    public int maxProcesses() {
        return runtime.maxProcesses();
    }

    /** The configured models (offered when the CLI cannot list them). */
    List<AiModel> configuredModels() {
        return models.configured();
    }

    /** For this package's tests: the processes behind the facade. */
    CodexRuntime runtime() {
        return runtime;
    }
}
