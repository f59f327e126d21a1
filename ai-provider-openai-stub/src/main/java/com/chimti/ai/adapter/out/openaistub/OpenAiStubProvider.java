package com.chimti.ai.adapter.out.openaistub;

import com.chimti.ai.core.domain.AccountState;
import com.chimti.ai.core.domain.AccountStatus;
import com.chimti.ai.core.domain.AiLogin;
import com.chimti.ai.core.domain.AiModel;
import com.chimti.ai.core.domain.CompletionRequest;
import com.chimti.ai.core.domain.CompletionResult;
import com.chimti.ai.core.domain.LoginId;
import com.chimti.ai.core.domain.LoginMethod;
import com.chimti.ai.core.domain.LoginRequest;
import com.chimti.ai.core.domain.LoginStart;
import com.chimti.ai.core.domain.LoginState;
import com.chimti.ai.core.domain.LoginStatus;
import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.ProviderId;
import com.chimti.ai.core.domain.ProviderReadiness;
import com.chimti.ai.core.domain.TenantUser;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A deterministic, offline provider: it answers from the prompt, streams the answer word by word, and
 * reports token usage. It lets the whole stack run without Codex installed, and it is the worked example of
 * how a provider plugs in: implement {@link AiProvider}, keep everything per user, and let the core do the
 * rest. Accounts are simulated: everyone counts as connected through the server, a device login completes
 * on its first poll.
 */
public final class OpenAiStubProvider implements AiProvider {
    public static final ProviderId ID = new ProviderId("openai-stub");
    static final List<AiModel> MODELS = List.of(
            new AiModel("stub-small", "Stub small", true),
            new AiModel("stub-large", "Stub large", false));

    private final StubSettings settings;
    private final Clock clock;
    private final StubAnswers answers = new StubAnswers();
    private final Map<LoginId, AiLogin> logins = new ConcurrentHashMap<>();
    private final Map<TenantUser, String> models = new ConcurrentHashMap<>();

    public OpenAiStubProvider(StubSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ProviderId id() {
        return ID;
    }

    @Override
    public String defaultModel() {
        return MODELS.get(0).id();
    }

    @Override
    public CompletionResult complete(CompletionRequest request, TurnListener listener) {
        return new StubTurn(request, listener, answers, settings, clock).run();
    }

    @Override
    public AccountStatus accountStatus(TenantUser user) {
        return new AccountStatus(ID, AccountState.CONNECTED, "stub", "stub", null,
                models.getOrDefault(user, defaultModel()), null, null);
    }

    @Override
    public LoginStart startLogin(LoginRequest request) {
        if (request.method() == LoginMethod.API_KEY) {
            return new LoginStart.Connected();
        }
        Instant now = clock.instant();
        logins.values().removeIf(old -> old.owner().equals(request.user()) && old.state() == LoginState.PENDING);
        AiLogin login = new AiLogin(LoginId.newId(), request.user(), ID, LoginState.PENDING, null, now,
                now.plus(settings.loginExpiry()), now);
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
        return MODELS;
    }

    @Override
    public void updateModel(TenantUser user, String model) {
        models.put(user, model);
    }

    @Override
    public ProviderReadiness readiness() {
        return ProviderReadiness.READY;
    }

    private AiLogin owned(TenantUser user, LoginId loginId) {
        AiLogin login = logins.get(loginId);
        if (login == null || !login.owner().equals(user)) {
            throw new NotFoundException("login not found");
        }
        return login;
    }

    /** How long the stub pauses between deltas, so streaming and cancellation can be seen. */
    public record StubSettings(Duration deltaDelay, Duration loginExpiry) {
        public static final StubSettings DEFAULTS = new StubSettings(Duration.ofMillis(20), Duration.ofMinutes(15));

        public StubSettings {
            if (deltaDelay.isNegative()) {
                throw new IllegalArgumentException("deltaDelay cannot be negative");
            }
        }
    }
}
