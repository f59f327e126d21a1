package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.AiLogin;
import com.chimti.ai.core.domain.LoginId;
import com.chimti.ai.core.domain.ProviderId;
import com.chimti.ai.core.domain.UserId;
import java.util.Optional;

public interface LoginRepository {

    /** Inserts or replaces the login. */
    void save(AiLogin login);

    /** The login, only when it belongs to {@code userId}. */
    Optional<AiLogin> find(UserId userId, LoginId loginId);

    Optional<AiLogin> findPending(UserId userId, ProviderId provider);
}
