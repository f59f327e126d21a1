package com.chimti.ai.adapter.out.codex.account;

import com.chimti.ai.adapter.out.codex.profile.CodexProfiles;
import com.chimti.ai.adapter.out.codex.rpc.AppServer;
import com.chimti.ai.adapter.out.codex.rpc.JsonLines;
import com.chimti.ai.adapter.out.codex.runtime.AppServerLease;
import com.chimti.ai.adapter.out.codex.runtime.CodexRuntime;
import com.chimti.ai.adapter.out.codex.runtime.ProfileBusyException;
import com.chimti.ai.core.domain.EmailMask;
import com.chimti.ai.core.domain.account.AccountError;
import com.chimti.ai.core.domain.account.AccountState;
import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.LimitWindow;
import com.chimti.ai.core.domain.account.RateLimits;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user's Codex account as the status shows it: connected or not (asked of the user's app-server, which is
 * started only when credentials are stored), the plan, the masked email, the usage limits of a ChatGPT account,
 * the chosen model, and the error to show (a usage limit a turn hit, else the last failed sign-in).
 */
public final class AccountStatusReader {
    private static final Logger LOG = LoggerFactory.getLogger(AccountStatusReader.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProviderId provider;
    private final CodexRuntime runtime;
    private final CodexProfiles profiles;
    private final String defaultModel;
    private final UsageLimitMemory limitHits;

    public AccountStatusReader(ProviderId provider, CodexRuntime runtime, CodexProfiles profiles,
                               String defaultModel, UsageLimitMemory limitHits) {
        this.provider = provider;
        this.runtime = runtime;
        this.profiles = profiles;
        this.defaultModel = defaultModel;
        this.limitHits = limitHits;
    }

    /**
     * @param loginPending whether a device login of the user runs here
     * @param loginError   why the user's last login failed or expired, or null
     */
    public AccountStatus status(TenantUser user, boolean loginPending, AccountError loginError) {
        if (!runtime.readiness().ready()) {
            return new AccountStatus(provider, AccountState.ERROR, null, null, null, defaultModel, null,
                    new AccountError("provider_unavailable", "Codex is not available on this server."));
        }
        Path home = profiles.home(user);
        AccountError limitError = limitHits.error(user);
        AccountError error = limitError != null ? limitError : loginError;
        AccountState notConnected = loginPending ? AccountState.LOGIN_PENDING : AccountState.DISCONNECTED;
        if (!profiles.hasCredentials(user)) {
            // nothing stored: no need to start a process to learn that
            String model = Files.isDirectory(home) ? profiles.currentModel(home) : defaultModel;
            return new AccountStatus(provider, notConnected, null, null, null, model, null, error);
        }
        AppServerLease statusLease;
        try {
            statusLease = runtime.lease(user);
        } catch (ProfileBusyException | RateLimitedException e) {
            // the profile is taken by an exec turn, or no CLI process is free (the process cap): a status, not a 429
            return new AccountStatus(provider, AccountState.ERROR, null, null, null, profiles.currentModel(home),
                    null, new AccountError("provider_busy", "Codex is busy; try again shortly."));
        }
        try (AppServerLease lease = statusLease) {
            AppServer server = lease.server();
            JsonNode account;
            try {
                account = server.request("account/read", JSON.createObjectNode().put("refreshToken", false))
                        .path("account");
            } catch (RuntimeException e) {
                LOG.warn("codex account/read failed: {}", e.getClass().getSimpleName());
                return new AccountStatus(provider, AccountState.ERROR, null, null, null, profiles.currentModel(home),
                        null, new AccountError("provider_unavailable", "Codex did not answer; try again later."));
            }
            String model = profiles.currentModel(home);
            if (account.isMissingNode() || account.isNull()) {
                return new AccountStatus(provider, notConnected, null, null, null, model, null, error);
            }
            String type = account.path("type").asText(null);
            String plan = JsonLines.text(account, "planType");
            String email = EmailMask.mask(JsonLines.text(account, "email"));
            RateLimits limits = null;
            AccountError statusError = null;
            if ("chatgpt".equals(type)) {
                try {
                    JsonNode rl = server.request("account/rateLimits/read", null).path("rateLimits");
                    limits = new RateLimits(window(rl.path("primary")), window(rl.path("secondary")));
                    if (plan == null) {
                        plan = JsonLines.text(rl, "planType");
                    }
                } catch (RuntimeException e) {
                    LOG.debug("codex rate limits unavailable: {}", e.getClass().getSimpleName());
                    statusError = new AccountError("limits_unavailable", "The usage limits could not be read.");
                }
            }
            if (limitError != null) {
                statusError = limitError;
            }
            return new AccountStatus(provider, AccountState.CONNECTED, type, plan, email, model, limits, statusError);
        }
    }

    private static LimitWindow window(JsonNode w) {
        if (w == null || w.isMissingNode() || w.isNull()) {
            return null;
        }
        Integer minutes = w.hasNonNull("windowDurationMins") ? w.get("windowDurationMins").asInt() : null;
        Instant resets = w.hasNonNull("resetsAt") ? Instant.ofEpochSecond(w.get("resetsAt").asLong()) : null;
        return new LimitWindow(w.path("usedPercent").asDouble(0), minutes, resets);
    }
}
