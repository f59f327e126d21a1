package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.AiLogin;
import com.chimti.ai.core.domain.LoginId;
import com.chimti.ai.core.domain.LoginState;
import com.chimti.ai.core.domain.ProviderId;
import com.chimti.ai.core.domain.TenantUser;
import com.chimti.ai.core.port.out.LoginRepository;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryLoginRepository implements LoginRepository {
    private final Map<LoginId, AiLogin> logins = new ConcurrentHashMap<>();

    @Override
    public void save(AiLogin login) {
        logins.put(login.id(), login);
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
