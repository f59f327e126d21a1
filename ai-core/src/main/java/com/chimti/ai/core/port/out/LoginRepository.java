package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.account.AiLogin;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.util.Optional;

public interface LoginRepository {

    /**
     * Inserts or replaces the login, and says whether this save changed its stored state (a new login, or a move
     * to another state). Of two saves that race to the same state only one sees the change, so a transition that
     * two threads or instances observe is acted on once.
     */
    boolean save(AiLogin login);

    /** The login, only when it belongs to {@code owner} (the same sub in the same client). */
    Optional<AiLogin> find(TenantUser owner, LoginId loginId);

    Optional<AiLogin> findPending(TenantUser owner, ProviderId provider);
}
