package com.chimti.ai.core.domain.account;

import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.util.Objects;

/** Start a login for a user (in their client): a device login, or an API key (which must then be present). */
public record LoginRequest(TenantUser user, LoginMethod method, Secret apiKey) {
    public LoginRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(method, "method");
        if (method == LoginMethod.API_KEY && apiKey == null) {
            throw new ValidationException("apiKey is required for an API-key login");
        }
        if (method == LoginMethod.DEVICE && apiKey != null) {
            throw new ValidationException("apiKey is only accepted with method apiKey");
        }
    }
}
