package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import java.time.Instant;
import java.util.Objects;

/**
 * Which usage rows an admin report adds up: those in {@code [from, to)} of one client ({@code clientId} null means
 * every client, which only the service decides to allow) and, when {@code brandId} is set, of that brand only.
 */
public record UsageFilter(ClientId clientId, BrandId brandId, Instant from, Instant to) {
    public UsageFilter {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }
}
