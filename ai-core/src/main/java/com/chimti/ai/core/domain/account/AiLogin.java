package com.chimti.ai.core.domain.account;

import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.time.Instant;
import java.util.Objects;

/** A login attempt and where it stands, persisted so any thread or server instance can answer a poll. */
public record AiLogin(
        LoginId id,
        TenantUser owner,
        ProviderId provider,
        LoginState state,
        String error,
        Instant createdAt,
        Instant expiresAt,
        Instant updatedAt) {

    public AiLogin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public AiLogin ended(LoginState newState, String newError, Instant now) {
        return new AiLogin(id, owner, provider, newState, newError, createdAt, expiresAt, now);
    }
}
