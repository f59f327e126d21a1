package com.chimti.ai.app.metrics;

import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginStatus;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.AiAccounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts a provider's logins by outcome ({@code ai.login.outcomes}): a device login started, then how it ended;
 * an API key connected or failed. Labels carry the provider and the outcome only.
 */
public final class MeteredAccounts implements AiAccounts {
    static final String LOGINS = "ai.login.outcomes";
    static final List<String> LOGIN_OUTCOMES = List.of("started", "connected", "failed", "expired", "cancelled");
    /** Logins whose end was counted, so polling the same ended login again does not count it twice. */
    private static final int MAX_REMEMBERED_LOGINS = 10_000;

    private final AiAccounts delegate;
    private final MeterRegistry registry;
    private final Set<LoginId> endedLogins = ConcurrentHashMap.newKeySet();

    public MeteredAccounts(AiAccounts delegate, MeterRegistry registry) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.registry = Objects.requireNonNull(registry, "registry");
        LOGIN_OUTCOMES.forEach(this::logins); // every outcome shows as 0 from the start
    }

    @Override
    public ProviderId id() {
        return delegate.id();
    }

    @Override
    public LoginStart startLogin(LoginRequest request) {
        LoginStart start;
        try {
            start = delegate.startLogin(request);
        } catch (RuntimeException refused) {
            logins("failed").increment(); // e.g. an API key the provider rejected
            throw refused;
        }
        logins(start instanceof LoginStart.Connected ? "connected" : "started").increment();
        return start;
    }

    @Override
    public LoginStatus loginStatus(TenantUser user, LoginId loginId) {
        LoginStatus status = delegate.loginStatus(user, loginId);
        if (status.status().isFinal()) {
            loginEnded(loginId, status.status().wireName());
        }
        return status;
    }

    @Override
    public void cancelLogin(TenantUser user, LoginId loginId) {
        delegate.cancelLogin(user, loginId);
        loginEnded(loginId, "cancelled");
    }

    @Override
    public AccountStatus accountStatus(TenantUser user) {
        return delegate.accountStatus(user);
    }

    @Override
    public void logout(TenantUser user) {
        delegate.logout(user);
    }

    @Override
    public List<AiModel> listModels(TenantUser user) {
        return delegate.listModels(user);
    }

    @Override
    public void updateModel(TenantUser user, String model) {
        delegate.updateModel(user, model);
    }

    @Override
    public void forget(TenantUser user) {
        delegate.forget(user);
    }

    /** Counts a device login's end the first time this instance sees it (a poll or a cancel). */
    private void loginEnded(LoginId loginId, String outcome) {
        if (endedLogins.size() >= MAX_REMEMBERED_LOGINS) {
            endedLogins.clear(); // bounded memory; at worst an old login polled again is counted twice
        }
        if (endedLogins.add(loginId)) {
            logins(outcome).increment();
        }
    }

    private Counter logins(String outcome) {
        return Counter.builder(LOGINS).description("Provider logins by outcome (device logins: started, then how "
                        + "they ended; API keys: connected or failed)")
                .tags("provider", delegate.id().value(), "outcome", outcome).register(registry);
    }
}
