package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.account.AccountStatus;
import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.account.LoginRequest;
import com.chimti.ai.core.domain.account.LoginStart;
import com.chimti.ai.core.domain.account.LoginStatus;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.util.List;

/**
 * A platform user's own account with one provider (same {@link #id()} as its {@link AiProvider}): connecting it
 * (device code or API key), its state and limits, signing out, and the models it offers. Everything is per
 * {@link TenantUser}; nothing of one user's account may reach another.
 */
public interface AiAccounts {

    ProviderId id();

    AccountStatus accountStatus(TenantUser user);

    LoginStart startLogin(LoginRequest request);

    /** The login's state; throws {@code NotFoundException} when it is not this user's. */
    LoginStatus loginStatus(TenantUser user, LoginId loginId);

    void cancelLogin(TenantUser user, LoginId loginId);

    void logout(TenantUser user);

    List<AiModel> listModels(TenantUser user);

    /** Makes {@code model} the user's model for this provider (already checked against {@link #listModels}). */
    void updateModel(TenantUser user, String model);

    /**
     * Erasure: stops every process and login of the user with this provider (a running turn's included) and
     * deletes whatever the provider keeps of them (credentials, model choice, working files). Idempotent; the
     * user counts as never connected afterwards.
     */
    void forget(TenantUser user);
}
