package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.Secret;
import com.chimti.ai.core.domain.account.LoginMethod;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.Objects;

/** {@code provider} null means the default provider. */
public record StartLoginCommand(Caller caller, String provider, LoginMethod method, Secret apiKey) {
    public StartLoginCommand {
        Objects.requireNonNull(caller, "caller");
        method = method == null ? LoginMethod.DEVICE : method;
    }
}
