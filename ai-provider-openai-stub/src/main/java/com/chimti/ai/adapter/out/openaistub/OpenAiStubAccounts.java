package com.chimti.ai.adapter.out.openaistub;

import com.chimti.ai.adapter.out.openaistub.OpenAiStubProvider.StubSettings;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.account.AccountState;
import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.account.LoginStatus;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.AiAccounts;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stub's simulated accounts: everyone counts as connected through the server, an API key connects at once
 * and a device login completes on its first poll.
 */
public final class OpenAiStubAccounts implements AiAccounts {
    private final StubSettings settings;
    private final Clock clock;
    private final Map<LoginId, AiLogin> logins = new ConcurrentHashMap<>();
    private final Map<TenantUser, String> models = new ConcurrentHashMap<>();

    public OpenAiStubAccounts(StubSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ProviderId id() {
        return OpenAiStubProvider.ID;
    }

    @Override
    public AccountStatus accountStatus(TenantUser user) {
        return new AccountStatus(OpenAiStubProvider.ID, AccountState.CONNECTED, "stub", "stub", null,
                models.getOrDefault(user, OpenAiStubProvider.MODELS.get(0).id()), null, null);
    }

    @Override
    public LoginStart startLogin(LoginRequest request) {
        if (request.method() == LoginMethod.API_KEY) {
            return new LoginStart.Connected();
        }
        Instant now = clock.instant();
        logins.values().removeIf(old -> old.owner().equals(request.user()) && old.state() == LoginState.PENDING);
        AiLogin login = new AiLogin(LoginId.newId(), request.user(), OpenAiStubProvider.ID, LoginState.PENDING,
                null, now, now.plus(settings.loginExpiry()), now);
        logins.put(login.id(), login);
        return new LoginStart.DevicePending(login.id(), "https://stub.invalid/device", "STUB-0000", login.expiresAt());
    }

    @Override
    public LoginStatus loginStatus(TenantUser user, LoginId loginId) {
        AiLogin login = owned(user, loginId);
        if (login.state() == LoginState.PENDING) {
            login = login.ended(LoginState.CONNECTED, null, clock.instant());
            logins.put(loginId, login);
        }
        return LoginStatus.of(login);
    }

    @Override
    public void cancelLogin(TenantUser user, LoginId loginId) {
        AiLogin login = owned(user, loginId);
        if (login.state() == LoginState.PENDING) {
            logins.put(loginId, login.ended(LoginState.CANCELLED, null, clock.instant()));
        }
    }

    @Override
    public void logout(TenantUser user) {
        models.remove(user);
    }

    @Override
    public List<AiModel> listModels(TenantUser user) {
        return OpenAiStubProvider.MODELS;
    }

    @Override
    public void updateModel(TenantUser user, String model) {
        models.put(user, model);
    }

    /** Erasure: the user's simulated logins and model choice go; they count as connected again, as everyone. */
    @Override
    public void forget(TenantUser user) {
        logins.values().removeIf(login -> login.owner().equals(user));
        models.remove(user);
    }

    private AiLogin owned(TenantUser user, LoginId loginId) {
        AiLogin login = logins.get(loginId);
        if (login == null || !login.owner().equals(user)) {
            throw new NotFoundException("login not found");
        }
        return login;
    }

}
