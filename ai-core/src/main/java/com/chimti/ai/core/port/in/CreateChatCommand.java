package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import java.util.Objects;

/** {@code title}, {@code brandId} and {@code locationId} are optional. */
public record CreateChatCommand(Caller caller, String title, BrandId brandId, LocationId locationId) {
    public CreateChatCommand {
        Objects.requireNonNull(caller, "caller");
    }
}
