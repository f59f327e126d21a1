package com.chimti.ai.core.domain.tenancy;

import java.util.Objects;

/**
 * Who owns an account, a setting, a login, an action or a Codex profile: a platform user (the token's
 * {@code sub}) within one client (its {@code client_id}). The same {@code sub} under two clients is two different
 * users here; nothing keyed by a {@code TenantUser} is ever found by the {@code sub} alone.
 */
public record TenantUser(ClientId clientId, UserId userId) {

    public TenantUser {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
    }

    public static TenantUser of(Caller caller) {
        return new TenantUser(caller.clientId(), caller.userId());
    }

    @Override
    public String toString() {
        return "TenantUser[hidden]"; // ids stay out of logs and exception messages
    }
}
