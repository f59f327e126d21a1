package com.chimti.ai.app;

import com.chimti.ai.core.domain.AccountStatus;
import com.chimti.ai.core.domain.AiModel;
import com.chimti.ai.core.domain.CompletionRequest;
import com.chimti.ai.core.domain.CompletionResult;
import com.chimti.ai.core.domain.LoginId;
import com.chimti.ai.core.domain.LoginRequest;
import com.chimti.ai.core.domain.LoginStart;
import com.chimti.ai.core.domain.LoginStatus;
import com.chimti.ai.core.domain.ProviderId;
import com.chimti.ai.core.domain.ProviderReadiness;
import com.chimti.ai.core.domain.UserId;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnCapacity;
import com.chimti.ai.core.port.out.TurnListener;
import java.util.List;
import java.util.Objects;

/**
 * An {@link AiProvider} that hands every call to the provider it wraps. Decorators (a span, meters) override only
 * what they add and inherit the plain delegation, so none of them can forget a method, default ones included.
 */
public abstract class ForwardingProvider implements AiProvider {
    private final AiProvider delegate;

    protected ForwardingProvider(AiProvider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The provider this wraps, for code that needs the concrete adapter. */
    public AiProvider delegate() {
        return delegate;
    }

    @Override
    public ProviderId id() {
        return delegate.id();
    }

    @Override
    public String defaultModel() {
        return delegate.defaultModel();
    }

    @Override
    public CompletionResult complete(CompletionRequest request, TurnListener listener) {
        return delegate.complete(request, listener);
    }

    @Override
    public TurnCapacity reserveTurn(UserId userId) {
        return delegate.reserveTurn(userId);
    }

    @Override
    public void warmUp(UserId userId) {
        delegate.warmUp(userId);
    }

    @Override
    public AccountStatus accountStatus(UserId userId) {
        return delegate.accountStatus(userId);
    }

    @Override
    public LoginStart startLogin(LoginRequest request) {
        return delegate.startLogin(request);
    }

    @Override
    public LoginStatus loginStatus(UserId userId, LoginId loginId) {
        return delegate.loginStatus(userId, loginId);
    }

    @Override
    public void cancelLogin(UserId userId, LoginId loginId) {
        delegate.cancelLogin(userId, loginId);
    }

    @Override
    public void logout(UserId userId) {
        delegate.logout(userId);
    }

    @Override
    public List<AiModel> listModels(UserId userId) {
        return delegate.listModels(userId);
    }

    @Override
    public void updateModel(UserId userId, String model) {
        delegate.updateModel(userId, model);
    }

    @Override
    public ProviderReadiness readiness() {
        return delegate.readiness();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + delegate + "]";
    }
}
