package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.InstantRange;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.time.Instant;
import java.util.Objects;

/** {@code [from, to)}; null bounds mean the last 30 days. {@code brandId} asks for a whole brand (admins). */
public record UsageQuery(Caller caller, Instant from, Instant to, BrandId brandId) {
    public UsageQuery {
        Objects.requireNonNull(caller, "caller");
        InstantRange.require(from, "from");
        InstantRange.require(to, "to");
    }
}
