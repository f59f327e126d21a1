package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import java.util.Objects;

/** Credits to add to a client's (or brand's) wallet; checked by the use case. */
public record TopUpCommand(Caller caller, ClientId clientId, BrandId brandId, long amount, String reason,
                           String idempotencyKey) {
    public TopUpCommand {
        Objects.requireNonNull(caller, "caller");
    }
}
