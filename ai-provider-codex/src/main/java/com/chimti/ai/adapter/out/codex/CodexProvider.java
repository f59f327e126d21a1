package com.chimti.ai.adapter.out.codex;

import com.chimti.ai.core.domain.AccountError;
import com.chimti.ai.core.domain.AccountState;
import com.chimti.ai.core.domain.AccountStatus;
import com.chimti.ai.core.domain.AiLogin;
import com.chimti.ai.core.domain.AiModel;
import com.chimti.ai.core.domain.CompletionRequest;
import com.chimti.ai.core.domain.CompletionResult;
import com.chimti.ai.core.domain.LimitWindow;
import com.chimti.ai.core.domain.LoginId;
import com.chimti.ai.core.domain.LoginMethod;
import com.chimti.ai.core.domain.LoginRequest;
import com.chimti.ai.core.domain.LoginStart;
import com.chimti.ai.core.domain.LoginState;
import com.chimti.ai.core.domain.LoginStatus;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.ProviderFailureException;
import com.chimti.ai.core.domain.ProviderId;
import com.chimti.ai.core.domain.ProviderReadiness;
import com.chimti.ai.core.domain.RateLimitedException;
import com.chimti.ai.core.domain.RateLimits;
import com.chimti.ai.core.domain.TenantUser;
import com.chimti.ai.core.domain.EmailMask;
import com.chimti.ai.core.port.out.AiAccounts;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.LoginRepository;
import com.chimti.ai.core.port.out.TurnCapacity;
import com.chimti.ai.core.port.out.TurnListener;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code codex} provider: every user's work goes through that user's own long-lived {@code codex app-server},
 * with an isolated CODEX_HOME named by an HMAC of the user id, so one user's credentials never serve another.
 */
public final class CodexProvider implements AiProvider, AiAccounts, AutoCloseable {
    public static final ProviderId ID = new ProviderId("codex");
    private static final Logger LOG = LoggerFactory.getLogger(CodexProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ERROR = 300;
    /** How often this instance looks for its pending logins ended through another instance (a cancel). */
    private static final long LOGIN_SYNC_MS = 1_000;

    private final CodexSettings settings;
    private final LoginRepository logins;
    private final Clock clock;
    private final CodexProfiles profiles;
    private final CodexCli cli;
    private final Confinement confinement;
    /** Null when the CLI is not ready: nothing is started then. */
    private final CliLauncher launcher;
    private final ProviderReadiness readiness;
    private final AppServerRegistry servers;
    private final ScheduledExecutorService scheduler;
    /** Starts app-servers ahead of use ({@link #warmUp}), off the timer thread: a slow start delays no reaping. */
    private final java.util.concurrent.ExecutorService warmer;
    private final Map<LoginId, PendingLogin> pendingById = new ConcurrentHashMap<>();
    private final Map<TenantUser, PendingLogin> pendingByUser = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> unmatchedCompletions = new ConcurrentHashMap<>();
    private final Map<TenantUser, AccountError> lastErrors = new ConcurrentHashMap<>();
    private final Map<TenantUser, Object> userLocks = new ConcurrentHashMap<>();
    /** The usage limit a turn ran into, shown by accountStatus until it resets or a turn succeeds. */
    private final Map<TenantUser, LimitHit> limitHits = new ConcurrentHashMap<>();
    /** Places under the process cap taken by {@link #reserveTurn} and not yet taken over by their turn. */
    private final TurnReservations reservations = new TurnReservations();
    /** Profiles whose app-server a {@link #warmUp} is starting (one start per profile at a time). */
    private final java.util.Set<String> warming = ConcurrentHashMap.newKeySet();
    /** Running exec-mode processes, killed on close. */
    private final java.util.Set<Process> execProcesses = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    public CodexProvider(CodexSettings settings, LoginRepository logins, Clock clock) {
        this(settings, logins, clock, ProcessLimits.forThisMachine());
    }

    /** @param limits the global cap on live CLI processes (warm app-servers and exec processes) and its queue */
    public CodexProvider(CodexSettings settings, LoginRepository logins, Clock clock, ProcessLimits limits) {
        this(settings, logins, clock, limits, new CodexProfiles(settings));
    }

    /** Tests give their own profiles (e.g. with the CLI's tools left on, to test the OS confinement alone). */
    CodexProvider(CodexSettings settings, LoginRepository logins, Clock clock, ProcessLimits limits,
                  CodexProfiles profiles) {
        this.settings = settings;
        this.logins = logins;
        this.clock = clock;
        this.profiles = profiles;
        this.cli = CodexCli.resolve(settings);
        this.confinement = Confinement.probe(settings.confinement(), cli.bin());
        this.launcher = cli.readiness().ready() ? new CliLauncher(cli.bin(), confinement) : null;
        this.readiness = readiness(cli, confinement);
        if (!readiness.ready()) {
            LOG.warn("Codex provider not ready: {}", readiness.problem());
        } else if (readiness.warning() != null) {
            LOG.warn("Codex provider: {}", readiness.warning());
        } else {
            LOG.info("Codex CLI {} runs {}", cli.version(), confinement);
        }
        this.servers = new AppServerRegistry(settings.idleTimeout(), settings.requestTimeout(), limits.newCap());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("codex-provider-timer"));
        this.warmer = Executors.newSingleThreadExecutor(daemon("codex-provider-warm-up"));
        cleanLeftovers();
        long every = Math.max(200, Math.min(settings.idleTimeout().toMillis() / 2, 5_000));
        scheduler.scheduleWithFixedDelay(servers::reapIdle, every, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::endLoginsEndedElsewhere, LOGIN_SYNC_MS, LOGIN_SYNC_MS,
                TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
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
        return readiness;
    }

    /**
     * The CLI's own readiness, then the confinement's: required and missing means not ready, and so does an
     * untested CLI version without it (it may offer the model a tool the server does not know to turn off).
     */
    static ProviderReadiness readiness(CodexCli cli, Confinement confinement) {
        if (!cli.readiness().ready()) {
            return cli.readiness();
        }
        if (!cli.tested()) {
            return confinement.active()
                    ? ProviderReadiness.readyWith("the Codex CLI " + cli.version() + " is untested (the tested "
                            + "version is " + CodexSettings.PINNED_VERSION + "); it runs because "
                            + "CODEX_CLI_VERSION_CHECK=warn")
                    : ProviderReadiness.notReady("CODEX_CLI_VERSION_CHECK=warn runs an untested Codex CLI ("
                            + cli.version() + ") only confined, and it cannot be confined here: "
                            + confinement.unavailableBecause());
        }
        if (confinement.active() || confinement.mode() == Confinement.Mode.OFF) {
            return ProviderReadiness.READY;
        }
        if (confinement.mode() == Confinement.Mode.REQUIRED) {
            return ProviderReadiness.notReady("CODEX_CONFINEMENT=required but the Codex CLI cannot run confined: "
                    + confinement.unavailableBecause());
        }
        return ProviderReadiness.readyWith("the Codex CLI runs unconfined (" + confinement.unavailableBecause()
                + "): its processes can read every file the server's OS user can; install bubblewrap or set "
                + "CODEX_CONFINEMENT=required");
    }

    /** Whether CLI processes run under OS confinement (bubblewrap); for health pages, metrics and tests. */
    public boolean confined() {
        return confinement.active();
    }

    /** The version the CLI reported (null when none was found); for metrics. */
    public String cliVersion() {
        return cli.version();
    }

    /** False when the CLI is not the pinned version and runs anyway ({@code CODEX_CLI_VERSION_CHECK=warn}). */
    public boolean cliTested() {
        return cli.tested();
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

    // ---------------------------------------------------------------- account

    /**
     * Starts a connected user's app-server in the background (app-server mode), unless it runs already or no
     * place under the process cap is free now: the next turn then finds it warm. Never stops another user's
     * process for it, never blocks the caller.
     */
    @Override
    public void warmUp(TenantUser user) {
        if (closing || settings.execMode() != CodexSettings.ExecMode.APP_SERVER || !readiness.ready()) {
            return;
        }
        String profileId = profiles.profileId(user);
        if (servers.pid(profileId) != -1 || !profiles.hasCredentials(user) || !warming.add(profileId)) {
            return;
        }
        try {
            warmer.execute(() -> {
                try {
                    if (servers.warm(profileId, () -> startServer(user, profileId))) {
                        profiles.tightenAuthFile(profiles.home(user));
                        LOG.debug("codex app-server started ahead of a turn");
                    }
                } catch (RuntimeException failed) {
                    // only a guess: the turn starts the process itself and reports what goes wrong
                    LOG.debug("codex app-server could not be started ahead: {}", failed.getClass().getSimpleName());
                } finally {
                    warming.remove(profileId);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            warming.remove(profileId);
        }
    }

    @Override
    public AccountStatus accountStatus(TenantUser user) {
        if (!readiness.ready()) {
            return new AccountStatus(ID, AccountState.ERROR, null, null, null, settings.defaultModel(), null,
                    new AccountError("provider_unavailable", "Codex is not available on this server."));
        }
        Path home = profiles.home(user);
        boolean pending = pendingByUser.containsKey(user);
        AccountError limitError = limitError(user);
        AccountError error = limitError != null ? limitError : lastErrors.get(user);
        if (!profiles.hasCredentials(user)) {
            // nothing stored: no need to start a process to learn that
            String model = Files.isDirectory(home) ? profiles.currentModel(home) : settings.defaultModel();
            return new AccountStatus(ID, pending ? AccountState.LOGIN_PENDING : AccountState.DISCONNECTED,
                    null, null, null, model, null, error);
        }
        AppServerRegistry.Lease statusLease;
        try {
            statusLease = lease(user);
        } catch (AppServerRegistry.ProfileBusyException | RateLimitedException e) {
            // the profile is taken by an exec turn, or no CLI process is free (the process cap): a status, not a 429
            return new AccountStatus(ID, AccountState.ERROR, null, null, null, profiles.currentModel(home), null,
                    new AccountError("provider_busy", "Codex is busy; try again shortly."));
        }
        try (AppServerRegistry.Lease lease = statusLease) {
            AppServer server = lease.server();
            JsonNode account;
            try {
                account = server.request("account/read", JSON.createObjectNode().put("refreshToken", false))
                        .path("account");
            } catch (RuntimeException e) {
                LOG.warn("codex account/read failed: {}", e.getClass().getSimpleName());
                return new AccountStatus(ID, AccountState.ERROR, null, null, null, profiles.currentModel(home),
                        null, new AccountError("provider_unavailable", "Codex did not answer; try again later."));
            }
            String model = profiles.currentModel(home);
            if (account.isMissingNode() || account.isNull()) {
                return new AccountStatus(ID, pending ? AccountState.LOGIN_PENDING : AccountState.DISCONNECTED,
                        null, null, null, model, null, error);
            }
            String type = account.path("type").asText(null);
            String plan = text(account, "planType");
            String email = EmailMask.mask(text(account, "email"));
            RateLimits limits = null;
            AccountError statusError = null;
            if ("chatgpt".equals(type)) {
                try {
                    JsonNode rl = server.request("account/rateLimits/read", null).path("rateLimits");
                    limits = new RateLimits(window(rl.path("primary")), window(rl.path("secondary")));
                    if (plan == null) {
                        plan = text(rl, "planType");
                    }
                } catch (RuntimeException e) {
                    LOG.debug("codex rate limits unavailable: {}", e.getClass().getSimpleName());
                    statusError = new AccountError("limits_unavailable", "The usage limits could not be read.");
                }
            }
            if (limitError != null) {
                statusError = limitError;
            }
            return new AccountStatus(ID, AccountState.CONNECTED, type, plan, email, model, limits, statusError);
        }
    }

    @Override
    public LoginStart startLogin(LoginRequest request) {
        ensureReady();
        synchronized (lockOf(request.user())) {
            return startLoginLocked(request);
        }
    }

    private Object lockOf(TenantUser user) {
        return userLocks.computeIfAbsent(user, k -> new Object());
    }

    private LoginStart startLoginLocked(LoginRequest request) {
        TenantUser user = request.user();
        replacePendingLogin(user);
        lastErrors.remove(user);
        if (request.method() == LoginMethod.API_KEY) {
            try (AppServerRegistry.Lease lease = lease(user)) {
                ObjectNode params = JSON.createObjectNode();
                params.put("type", "apiKey");
                params.put("apiKey", request.apiKey().reveal());
                lease.server().request("account/login/start", params);
                profiles.tightenAuthFile(profiles.home(user));
                return new LoginStart.Connected();
            } catch (AppServer.CodexRpcException e) {
                throw new ProviderFailureException("Codex refused the API key", e);
            }
        }
        AppServerRegistry.Lease lease = lease(user);
        try {
            Instant now = clock.instant();
            LoginId loginId = LoginId.newId();
            AiLogin login = new AiLogin(loginId, user, ID, LoginState.PENDING, null, now,
                    now.plus(settings.loginExpiry()), now);
            PendingLogin pending = new PendingLogin(login, lease);
            JsonNode answer;
            try {
                answer = lease.server().request("account/login/start",
                        JSON.createObjectNode().put("type", "chatgptDeviceCode"));
            } catch (AppServer.CodexRpcException e) {
                throw new ProviderFailureException("Codex could not start the sign-in", e);
            }
            String verificationUrl = text(answer, "verificationUrl");
            String userCode = text(answer, "userCode");
            pending.codexLoginId = text(answer, "loginId");
            if (verificationUrl == null || userCode == null || pending.codexLoginId == null) {
                throw new ProviderFailureException("Codex gave an incomplete sign-in answer");
            }
            logins.save(login);
            pendingById.put(loginId, pending);
            pendingByUser.put(user, pending);
            pending.expiry = scheduler.schedule(() -> end(pending, LoginState.EXPIRED,
                    "The sign-in code expired before it was used."), settings.loginExpiry().toMillis(),
                    TimeUnit.MILLISECONDS);
            JsonNode early = unmatchedCompletions.remove(pending.codexLoginId);
            if (early != null) {
                completed(pending, early);
            }
            return new LoginStart.DevicePending(loginId, verificationUrl, userCode, login.expiresAt());
        } catch (RuntimeException e) {
            lease.close();
            throw e;
        }
    }

    @Override
    public LoginStatus loginStatus(TenantUser user, LoginId loginId) {
        AiLogin login = logins.find(user, loginId)
                .orElseThrow(() -> new NotFoundException("login not found"));
        if (login.state() == LoginState.PENDING && !pendingById.containsKey(loginId)
                && !clock.instant().isBefore(login.expiresAt())) {
            // left by a previous run (or another instance) and past its time
            login = login.ended(LoginState.EXPIRED, "The sign-in code expired before it was used.", clock.instant());
            logins.save(login);
        }
        return LoginStatus.of(login);
    }

    @Override
    public void cancelLogin(TenantUser user, LoginId loginId) {
        AiLogin login = logins.find(user, loginId)
                .orElseThrow(() -> new NotFoundException("login not found"));
        synchronized (lockOf(user)) {
            PendingLogin pending = pendingById.get(loginId);
            if (pending != null && pending.login.owner().equals(user)) {
                end(pending, LoginState.CANCELLED, null);
            } else if (login.state() == LoginState.PENDING) {
                logins.save(login.ended(LoginState.CANCELLED, null, clock.instant()));
            }
        }
    }

    @Override
    public void logout(TenantUser user) {
        ensureReady();
        synchronized (lockOf(user)) {
            logoutLocked(user);
        }
    }

    private void logoutLocked(TenantUser user) {
        replacePendingLogin(user);
        lastErrors.remove(user);
        if (!profiles.hasCredentials(user)) {
            return;
        }
        try (AppServerRegistry.Lease lease = lease(user)) {
            lease.server().request("account/logout", null);
        } catch (AppServer.CodexRpcException e) {
            throw new ProviderFailureException("Codex could not sign the account out", e);
        }
    }

    // ---------------------------------------------------------------- models

    @Override
    public List<AiModel> listModels(TenantUser user) {
        if (readiness.ready()) {
            try (AppServerRegistry.Lease lease = lease(user)) {
                JsonNode data = lease.server().request("model/list", JSON.createObjectNode()).path("data");
                List<AiModel> models = new ArrayList<>();
                for (JsonNode m : data) {
                    if (m.path("hidden").asBoolean(false)) {
                        continue;
                    }
                    String id = text(m, "model") != null ? text(m, "model") : text(m, "id");
                    if (id != null) {
                        models.add(new AiModel(id, text(m, "displayName"), m.path("isDefault").asBoolean(false)));
                    }
                }
                if (!models.isEmpty()) {
                    return List.copyOf(models);
                }
            } catch (RuntimeException e) {
                LOG.info("codex model/list failed ({}); offering the configured models",
                        e.getClass().getSimpleName());
            }
        }
        return configuredModels();
    }

    List<AiModel> configuredModels() {
        return settings.modelOptions().stream()
                .map(m -> new AiModel(m, m, m.equals(settings.defaultModel())))
                .toList();
    }

    @Override
    public void updateModel(TenantUser user, String model) {
        profiles.updateModel(user, model);
    }

    // ---------------------------------------------------------------- turns

    /**
     * The user's place under the process cap, taken before the turn is stored: in app-server mode a lease on
     * the user's app-server (started now if it is not warm; a warm one is kept from being evicted), in exec
     * mode a permit for the exec process. Refuses with {@link RateLimitedException} past the cap's queue.
     */
    @Override
    public TurnCapacity reserveTurn(TenantUser user) {
        if (!readiness.ready() || !profiles.hasCredentials(user)) {
            return TurnCapacity.NONE; // the turn fails on its own, without a process
        }
        if (settings.execMode() == CodexSettings.ExecMode.EXEC) {
            return reservations.hold(user, servers.cap().acquire());
        }
        return reservations.hold(user, lease(user));
    }

    @Override
    public CompletionResult complete(CompletionRequest request, TurnListener listener) {
        ensureReady();
        TenantUser user = request.user();
        LOG.info("codex turn starting (mode {}, chat {}, {} messages)", settings.execMode().wireName(),
                request.chatId() == null ? "none" : "yes", request.messages().size());
        long started = System.nanoTime();
        try {
            CompletionResult result = settings.execMode() == CodexSettings.ExecMode.EXEC
                    ? new CodexExecTurn(this, request, listener).run()
                    : new CodexTurn(this, request, listener).run();
            if (result.outcome() == com.chimti.ai.core.domain.TurnOutcome.COMPLETED) {
                limitHits.remove(user);
            }
            LOG.info("codex turn ended: {} in {} ms", result.outcome(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
            return result;
        } catch (RateLimitedException e) {
            limitHits.put(user, new LimitHit(clock.instant().plus(e.retryAfter())));
            LOG.info("codex turn rate limited (retry after {} s)", e.retryAfter().toSeconds());
            throw e;
        } catch (RuntimeException e) {
            LOG.info("codex turn failed: {}", e.getClass().getSimpleName());
            throw e;
        }
    }

    private AccountError limitError(TenantUser user) {
        LimitHit hit = limitHits.get(user);
        if (hit == null) {
            return null;
        }
        if (!clock.instant().isBefore(hit.until())) {
            limitHits.remove(user, hit);
            return null;
        }
        return new AccountError("rate_limited",
                "The Codex usage limit of this account is reached; it resets around " + hit.until() + ".");
    }

    private record LimitHit(Instant until) {
    }

    boolean hasCredentials(TenantUser user) {
        return profiles.hasCredentials(user);
    }

    /** Holds the user's profile for one exec process (see {@link AppServerRegistry#exclusive}). */
    AppServerRegistry.Exclusive exclusiveFor(TenantUser user, Duration wait) {
        return servers.exclusive(profiles.profileId(user), wait);
    }

    Path prepareProfile(TenantUser user) {
        Path home = profiles.prepare(user);
        profiles.tightenAuthFile(home);
        return home;
    }

    Map<String, String> childEnvironment(Path home) {
        return ChildEnvironment.build(settings.sourceEnvironment(), settings.envPassthrough(), home, home);
    }

    CliLauncher launcher() {
        return launcher;
    }

    Path home(TenantUser user) {
        return profiles.home(user);
    }

    void track(Process process) {
        execProcesses.add(process);
        if (closing) {
            ProcessTrees.kill(process.toHandle(), Duration.ofSeconds(1));
        }
    }

    void untrack(Process process) {
        execProcesses.remove(process);
    }

    /** The lease {@link #reserveTurn} took for this user, or a new one. */
    AppServerRegistry.Lease leaseFor(TenantUser user) {
        AppServerRegistry.Lease reserved = reservations.take(user, AppServerRegistry.Lease.class);
        return reserved != null ? reserved : lease(user);
    }

    /** The place under the process cap for one exec process: the one {@link #reserveTurn} took, or a new one. */
    ProcessCap.Permit processPermitFor(TenantUser user) {
        ProcessCap.Permit reserved = reservations.take(user, ProcessCap.Permit.class);
        return reserved != null ? reserved : servers.cap().acquire();
    }

    Path workspace(TenantUser user) {
        return profiles.workspace(user);
    }

    String modelFor(TenantUser user) {
        return profiles.currentModel(profiles.home(user));
    }

    CodexSettings settings() {
        return settings;
    }

    // ---------------------------------------------------------------- internals

    private void ensureReady() {
        if (!readiness.ready()) {
            throw new ProviderFailureException("the Codex CLI is not available");
        }
    }

    private AppServerRegistry.Lease lease(TenantUser user) {
        ensureReady();
        String profileId = profiles.profileId(user);
        AppServerRegistry.Lease lease = servers.lease(profileId, () -> startServer(user, profileId));
        profiles.tightenAuthFile(profiles.home(user));
        return lease;
    }

    private AppServer startServer(TenantUser user, String profileId) {
        Path home = profiles.prepare(user);
        Path workspace = profiles.workspace(user);
        AppServer server = AppServer.start(launcher, childEnvironment(home), home, workspace, settings.requestTimeout(),
                profileId.substring(0, 8));
        server.onNotification((method, params) -> {
            if ("account/login/completed".equals(method)) {
                onLoginCompleted(user, params);
            }
        });
        server.onExit(() -> {
            PendingLogin pending = pendingByUser.get(user);
            if (pending != null && pending.lease.server() == server) {
                end(pending, LoginState.FAILED, closing
                        ? "The server stopped before the sign-in finished."
                        : "The sign-in process stopped unexpectedly.");
            }
        });
        return server;
    }

    private void onLoginCompleted(TenantUser user, JsonNode params) {
        String codexLoginId = text(params, "loginId");
        PendingLogin pending = pendingByUser.get(user);
        if (pending != null && codexLoginId != null && codexLoginId.equals(pending.codexLoginId)) {
            completed(pending, params);
        } else if (codexLoginId != null) {
            // may belong to a start whose answer is still on its way; ended logins' echoes are dropped in bulk
            if (unmatchedCompletions.size() > 1_000) {
                unmatchedCompletions.clear();
            }
            unmatchedCompletions.put(codexLoginId, params);
        }
    }

    private void completed(PendingLogin pending, JsonNode params) {
        if (params.path("success").asBoolean(false)) {
            profiles.tightenAuthFile(profiles.home(pending.login.owner()));
            end(pending, LoginState.CONNECTED, null);
        } else {
            end(pending, LoginState.FAILED, "The sign-in failed: " + cap(text(params, "error")));
        }
    }

    /**
     * A device login runs in the app-server of the instance that started it, but any instance may cancel it by
     * its {@code ai_logins} row. This instance reads the rows of the logins it runs and ends those another
     * instance ended, so the sign-in stops here too and its code no longer connects the account.
     */
    private void endLoginsEndedElsewhere() {
        for (PendingLogin pending : List.copyOf(pendingById.values())) {
            try {
                logins.find(pending.login.owner(), pending.login.id())
                        .filter(stored -> stored.state() != LoginState.PENDING)
                        .ifPresent(stored -> {
                            synchronized (lockOf(pending.login.owner())) {
                                end(pending, stored.state(), stored.error());
                            }
                        });
            } catch (RuntimeException e) {
                LOG.debug("could not check a pending login: {}", e.getClass().getSimpleName());
            }
        }
    }

    /** Moves a pending login to its final state exactly once, and lets its app-server go. */
    private void end(PendingLogin pending, LoginState state, String error) {
        if (!pending.ended.compareAndSet(false, true)) {
            return;
        }
        TenantUser user = pending.login.owner();
        pendingById.remove(pending.login.id());
        pendingByUser.remove(user, pending);
        if (pending.expiry != null) {
            pending.expiry.cancel(false);
        }
        if ((state == LoginState.CANCELLED || state == LoginState.EXPIRED) && pending.codexLoginId != null
                && pending.lease.server().isAlive()) {
            try {
                pending.lease.server().request("account/login/cancel",
                        JSON.createObjectNode().put("loginId", pending.codexLoginId), Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("codex login cancel failed: {}", e.getClass().getSimpleName());
            }
        }
        if (state == LoginState.FAILED || state == LoginState.EXPIRED) {
            lastErrors.put(user, new AccountError(state == LoginState.FAILED ? "login_failed" : "login_expired",
                    error));
        }
        try {
            logins.save(pending.login.ended(state, error, clock.instant()));
        } finally {
            pending.lease.close();
        }
        LOG.info("codex login {} ended: {}", pending.login.id(), state.wireName());
    }

    /** One pending login per user: a new start (or a logout) cancels the old one. */
    private void replacePendingLogin(TenantUser user) {
        PendingLogin old = pendingByUser.get(user);
        if (old != null) {
            end(old, LoginState.CANCELLED, "Replaced by a newer sign-in.");
        }
        Optional<AiLogin> stored = logins.findPending(user, ID);
        stored.ifPresent(l -> logins.save(l.ended(LoginState.CANCELLED, "Replaced by a newer sign-in.",
                clock.instant())));
    }

    /** Kills app-servers a previous run of the server left behind (pid file per profile). */
    private void cleanLeftovers() {
        for (Path home : profiles.existingHomes()) {
            Path pidFile = home.resolve(AppServer.PID_FILE);
            if (!Files.exists(pidFile)) {
                continue;
            }
            try {
                String[] parts = Files.readString(pidFile).strip().split("\\s+");
                long pid = Long.parseLong(parts[0]);
                String started = parts.length > 1 ? parts[1] : "";
                ProcessHandle.of(pid).ifPresent(handle -> {
                    String start = handle.info().startInstant().map(Object::toString).orElse("");
                    // the CLI itself, or the bubblewrap that confines it
                    boolean codex = handle.info().command()
                            .map(c -> c.endsWith("codex") || c.endsWith("bwrap")).orElse(false);
                    if (codex && start.equals(started)) {
                        LOG.info("stopping a leftover codex app-server (pid {})", pid);
                        ProcessTrees.kill(handle, Duration.ofSeconds(2));
                    }
                });
                Files.deleteIfExists(pidFile);
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not check a leftover codex pid file: {}", e.getClass().getSimpleName());
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        scheduler.shutdownNow();
        warmer.shutdownNow();
        servers.close();
        for (Process process : List.copyOf(execProcesses)) {
            ProcessTrees.kill(process.toHandle(), Duration.ofSeconds(2));
        }
        // anything still pending after its process ended
        for (PendingLogin pending : List.copyOf(pendingById.values())) {
            end(pending, LoginState.FAILED, "The server stopped before the sign-in finished.");
        }
    }

    /** For tests and health pages: how many per-user app-servers are running. */
    public int runningAppServers() {
        return servers.running();
    }

    /** For tests: the pid of the user's running app-server, or -1 when none is warm. */
    long appServerPid(TenantUser user) {
        return servers.pid(profiles.profileId(user));
    }

    /** For tests and metrics: places under the process cap held now (app-servers and exec processes). */
    public int liveProcesses() {
        return servers.cap().inUse();
    }

    /** For tests and metrics: callers waiting for a place under the process cap. */
    public int queuedForProcess() {
        return servers.cap().queued();
    }

    /** The cap on live CLI processes. */
    public int maxProcesses() {
        return servers.cap().capacity();
    }

    private static LimitWindow window(JsonNode w) {
        if (w == null || w.isMissingNode() || w.isNull()) {
            return null;
        }
        Integer minutes = w.hasNonNull("windowDurationMins") ? w.get("windowDurationMins").asInt() : null;
        Instant resets = w.hasNonNull("resetsAt") ? Instant.ofEpochSecond(w.get("resetsAt").asLong()) : null;
        return new LimitWindow(w.path("usedPercent").asDouble(0), minutes, resets);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String cap(String text) {
        if (text == null || text.isBlank()) {
            return "no reason given";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        // the CLI may quote a server's answer; never pass a response body on
        int body = oneLine.indexOf("body=");
        if (body >= 0) {
            oneLine = oneLine.substring(0, body).strip();
        }
        return oneLine.length() > MAX_ERROR ? oneLine.substring(0, MAX_ERROR) + "..." : oneLine;
    }

    private static final class PendingLogin {
        final AiLogin login;
        final AppServerRegistry.Lease lease;
        final AtomicBoolean ended = new AtomicBoolean();
        volatile String codexLoginId;
        volatile ScheduledFuture<?> expiry;

        PendingLogin(AiLogin login, AppServerRegistry.Lease lease) {
            this.login = login;
            this.lease = lease;
        }
    }
}
