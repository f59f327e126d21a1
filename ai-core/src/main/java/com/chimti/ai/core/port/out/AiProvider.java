package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.ProviderReadiness;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;

/**
 * An AI backend that runs turns on a platform user's behalf, with that user's own account ({@link AiAccounts}
 * connects and describes that account). Everything is per user, and a user is a {@code sub} within one client
 * ({@link TenantUser}): no method may let one user's credentials, limits or output reach another, nor the same
 * {@code sub} under another client.
 */
public interface AiProvider {

    ProviderId id();

    /** The model used when the user has not chosen one. */
    String defaultModel();

    /**
     * Runs one turn, streaming deltas, progress and usage to {@code listener} as they arrive, and blocks until
     * it ends. Cancellation and timeout end it with a partial result; provider faults throw
     * {@code ProviderNotConnectedException}, {@code RateLimitedException} or {@code ProviderFailureException}.
     */
    CompletionResult complete(CompletionRequest request, TurnListener listener);

    /**
     * Takes, before anything of the turn is stored or streamed, what a turn of this user will need (a CLI
     * process slot), so that a provider with no room refuses with {@code RateLimitedException} (429) instead of
     * failing mid-stream. Close it when the turn has ended. By default nothing is held.
     */
    default TurnCapacity reserveTurn(TenantUser user) {
        return TurnCapacity.NONE;
    }

    /**
     * A hint that the user will probably send a turn soon (they opened a chat): a provider may get ready now so
     * the turn does not wait for it (Codex starts the user's app-server when a process is free). Returns at once
     * and never fails. By default nothing happens.
     */
    default void warmUp(TenantUser user) {
    }

    default CompletionResult complete(CompletionRequest request) {
        return complete(request, TurnListener.NONE);
    }

    /** Whether this provider can run turns now ({@code /readyz}); a warning is shown but does not fail it. */
    ProviderReadiness readiness();
}
