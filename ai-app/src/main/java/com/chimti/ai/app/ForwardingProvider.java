package com.chimti.ai.app;

import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.ProviderReadiness;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnCapacity;
import com.chimti.ai.core.port.out.TurnListener;
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
    public TurnCapacity reserveTurn(TenantUser user) {
        return delegate.reserveTurn(user);
    }

    @Override
    public void warmUp(TenantUser user) {
        delegate.warmUp(user);
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
