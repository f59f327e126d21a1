package com.chimti.ai.adapter.out.codex.login;

import com.chimti.ai.adapter.out.codex.profile.CodexProfiles;
import com.chimti.ai.adapter.out.codex.rpc.AppServer;
import com.chimti.ai.adapter.out.codex.rpc.CodexRpcException;
import com.chimti.ai.adapter.out.codex.rpc.JsonLines;
import com.chimti.ai.adapter.out.codex.runtime.AppServerLease;
import com.chimti.ai.adapter.out.codex.runtime.CodexRuntime;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.account.AccountError;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.account.LoginStatus;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.LoginRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Codex sign-ins: an API key is handed to the user's app-server at once; a device login (URL and one-time
 * code) stays pending in the app-server that started it, holding it, until the CLI reports it completed, it
 * expires, or it is cancelled or replaced (one pending login per user). Each login is an {@code ai_logins} row
 * ({@link LoginRepository}), so any instance can read or cancel it; this instance ends the logins it runs that
 * another instance ended. A failed or expired login is remembered for the account status until the next start.
 */
public final class CodexLogins implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CodexLogins.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How often this instance looks for its pending logins ended through another instance (a cancel). */
    private static final long SYNC_MS = 1_000;

    private final ProviderId provider;
    private final CodexRuntime runtime;
    private final CodexProfiles profiles;
    private final LoginRepository logins;
    private final Clock clock;
    private final Duration expiry;
    private final ScheduledExecutorService timer;
    private final Map<LoginId, PendingLogin> pendingById = new ConcurrentHashMap<>();
    private final Map<TenantUser, PendingLogin> pendingByUser = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> unmatchedCompletions = new ConcurrentHashMap<>();
    private final Map<TenantUser, AccountError> lastErrors = new ConcurrentHashMap<>();
    private final Map<TenantUser, Object> userLocks = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /**
     * @param expiry how long a device login stays open
     * @param timer  runs the expiries and the look for logins ended elsewhere
     */
    public CodexLogins(ProviderId provider, CodexRuntime runtime, CodexProfiles profiles, LoginRepository logins,
                       Clock clock, Duration expiry, ScheduledExecutorService timer) {
        this.provider = provider;
        this.runtime = runtime;
        this.profiles = profiles;
        this.logins = logins;
        this.clock = clock;
        this.expiry = expiry;
        this.timer = timer;
        runtime.watchAppServers(this::watch);
        timer.scheduleWithFixedDelay(this::endLoginsEndedElsewhere, SYNC_MS, SYNC_MS, TimeUnit.MILLISECONDS);
    }

    /** Whether a device login of the user runs here. */
    public boolean pending(TenantUser user) {
        return pendingByUser.containsKey(user);
    }

    /** Why the user's last login failed or expired, until a new one starts (null: nothing to say). */
    public AccountError lastError(TenantUser user) {
        return lastErrors.get(user);
    }

    public LoginStart start(LoginRequest request) {
        runtime.ensureReady();
        synchronized (lockOf(request.user())) {
            return startLocked(request);
        }
    }

    private Object lockOf(TenantUser user) {
        return userLocks.computeIfAbsent(user, k -> new Object());
    }

    private LoginStart startLocked(LoginRequest request) {
        TenantUser user = request.user();
        replacePendingLogin(user);
        lastErrors.remove(user);
        if (request.method() == LoginMethod.API_KEY) {
            try (AppServerLease lease = runtime.lease(user)) {
                ObjectNode params = JSON.createObjectNode();
                params.put("type", "apiKey");
                params.put("apiKey", request.apiKey().reveal());
                lease.server().request("account/login/start", params);
                profiles.tightenAuthFile(profiles.home(user));
                return new LoginStart.Connected();
            } catch (CodexRpcException e) {
                throw new ProviderFailureException("Codex refused the API key", e);
            }
        }
        AppServerLease lease = runtime.lease(user);
        try {
            Instant now = clock.instant();
            LoginId loginId = LoginId.newId();
            AiLogin login = new AiLogin(loginId, user, provider, LoginState.PENDING, null, now, now.plus(expiry), now);
            PendingLogin pending = new PendingLogin(login, lease);
            JsonNode answer;
            try {
                answer = lease.server().request("account/login/start",
                        JSON.createObjectNode().put("type", "chatgptDeviceCode"));
            } catch (CodexRpcException e) {
                throw new ProviderFailureException("Codex could not start the sign-in", e);
            }
            String verificationUrl = JsonLines.text(answer, "verificationUrl");
            String userCode = JsonLines.text(answer, "userCode");
            pending.codexLoginId = JsonLines.text(answer, "loginId");
            if (verificationUrl == null || userCode == null || pending.codexLoginId == null) {
                throw new ProviderFailureException("Codex gave an incomplete sign-in answer");
            }
            logins.save(login);
            pendingById.put(loginId, pending);
            pendingByUser.put(user, pending);
            pending.expiry = timer.schedule(() -> end(pending, LoginState.EXPIRED,
                    "The sign-in code expired before it was used."), expiry.toMillis(), TimeUnit.MILLISECONDS);
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

    public LoginStatus status(TenantUser user, LoginId loginId) {
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

    public void cancel(TenantUser user, LoginId loginId) {
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

    /** Cancels a pending login and signs the account out of the CLI. */
    public void logout(TenantUser user) {
        runtime.ensureReady();
        synchronized (lockOf(user)) {
            replacePendingLogin(user);
            lastErrors.remove(user);
            if (!profiles.hasCredentials(user)) {
                return;
            }
            try (AppServerLease lease = runtime.lease(user)) {
                lease.server().request("account/logout", null);
            } catch (CodexRpcException e) {
                throw new ProviderFailureException("Codex could not sign the account out", e);
            }
        }
    }

    /**
     * Erasure: cancels the user's pending login (its row is deleted with the user's other rows) and forgets
     * what this instance remembers of them.
     */
    public void forget(TenantUser user) {
        synchronized (lockOf(user)) {
            PendingLogin pending = pendingByUser.get(user);
            if (pending != null) {
                end(pending, LoginState.CANCELLED, null);
            }
            lastErrors.remove(user);
        }
        userLocks.remove(user);
    }

    /** Ends the logins still pending here as failed (the server stops); call before the app-servers stop. */
    @Override
    public void close() {
        closing = true;
        for (PendingLogin pending : List.copyOf(pendingById.values())) {
            end(pending, LoginState.FAILED, "The server stopped before the sign-in finished.");
        }
    }

    /** Follows a new app-server of {@code user}: the sign-in it reports, and its end. */
    private void watch(TenantUser user, AppServer server) {
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
    }

    private void onLoginCompleted(TenantUser user, JsonNode params) {
        String codexLoginId = JsonLines.text(params, "loginId");
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
            end(pending, LoginState.FAILED, "The sign-in failed: " + reason(JsonLines.text(params, "error")));
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
        Optional<AiLogin> stored = logins.findPending(user, provider);
        stored.ifPresent(l -> logins.save(l.ended(LoginState.CANCELLED, "Replaced by a newer sign-in.",
                clock.instant())));
    }

    /** The CLI's reason, on one line and without any server answer it quotes. */
    private static String reason(String text) {
        return text == null || text.isBlank() ? "no reason given" : CodexRpcException.sanitize(text);
    }
}
