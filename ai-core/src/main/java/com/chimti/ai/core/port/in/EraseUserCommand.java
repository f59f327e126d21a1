package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.util.Objects;

/** Erase the AI data of {@code userId} within {@code clientId}, asked by {@code caller} (an administrator). */
public record EraseUserCommand(Caller caller, ClientId clientId, UserId userId) {
    public EraseUserCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(userId, "userId");
    }

    /** Whose data goes: the sub within that client only. */
    public TenantUser subject() {
        return new TenantUser(clientId, userId);
    }
}
