package com.chimti.ai.adapter.out.persistence.account;

import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;

/** One ai_logins row. */
record LoginRow(String id, String clientId, String userId, String provider, String state, String error,
                Instant createdAt, Instant expiresAt, Instant updatedAt) {

    static LoginRow of(AiLogin login) {
        return new LoginRow(login.id().value(), login.owner().clientId().value(),
                login.owner().userId().value(), login.provider().value(),
                login.state().wireName(), login.error(), Times.micros(login.createdAt()),
                Times.micros(login.expiresAt()), Times.micros(login.updatedAt()));
    }

    AiLogin toDomain() {
        return new AiLogin(new LoginId(id), new TenantUser(new ClientId(clientId), new UserId(userId)),
                new ProviderId(provider),
                LoginState.fromWireName(state), error, createdAt, expiresAt, updatedAt);
    }
}
