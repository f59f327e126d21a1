package com.chimti.ai.adapter.out.codex.runtime;

import com.chimti.ai.core.domain.provider.ProviderFailureException;

/** Thrown when a profile stays taken by another process (an exec turn) for longer than the wait bound. */
public final class ProfileBusyException extends ProviderFailureException {
    ProfileBusyException() {
        super("another Codex operation of this account is still running; try again shortly");
    }
}
