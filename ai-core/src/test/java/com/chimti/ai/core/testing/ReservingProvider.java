package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.ProviderReadiness;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnCapacity;
import com.chimti.ai.core.port.out.TurnListener;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another provider's turns with a reservation per turn, as the Codex provider takes a place under its process
 * cap: counts what was reserved and is still open, and refuses with 429 while {@linkplain #full full}.
 */
public final class ReservingProvider implements AiProvider {
    private final AiProvider delegate;
    private final AtomicInteger reservations = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean full;

    public ReservingProvider(AiProvider delegate) {
        this.delegate = delegate;
    }

    /** Refuses every reservation from now on (or no longer), as a provider with no process free. */
    public void full(boolean noRoom) {
        this.full = noRoom;
    }

    /** Reservations taken so far. */
    public int reservations() {
        return reservations.get();
    }

    /** Reservations taken and not yet closed. */
    public int open() {
        return open.get();
    }

    @Override
    public TurnCapacity reserveTurn(TenantUser user) {
        if (full) {
            throw new RateLimitedException("too many Codex processes are running; try again shortly",
                    Duration.ofSeconds(5), 1, 0, null);
        }
        reservations.incrementAndGet();
        open.incrementAndGet();
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
    }

    @Override
    public CompletionResult complete(CompletionRequest request, TurnListener listener) {
        return delegate.complete(request, listener);
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
    public ProviderReadiness readiness() {
        return delegate.readiness();
    }
}
