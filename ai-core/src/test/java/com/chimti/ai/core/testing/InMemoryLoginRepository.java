package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginState;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.LoginRepository;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryLoginRepository implements LoginRepository {
    private final Map<LoginId, AiLogin> logins = new ConcurrentHashMap<>();

    @Override
    public boolean save(AiLogin login) {
        AiLogin before = logins.put(login.id(), login);
        return before == null || before.state() != login.state();
    }

    @Override
    public Optional<AiLogin> find(TenantUser owner, LoginId loginId) {
        return Optional.ofNullable(logins.get(loginId)).filter(l -> l.owner().equals(owner));
    }

    @Override
    public Optional<AiLogin> findPending(TenantUser owner, ProviderId provider) {
        return logins.values().stream()
                .filter(l -> l.owner().equals(owner) && l.provider().equals(provider))
                .filter(l -> l.state() == LoginState.PENDING)
                .findFirst();
    }
}
