package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.InstantRange;
import com.chimti.ai.core.domain.billing.UsageGrouping;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code [from, to)} (null bounds: the last 30 days, as {@link UsageQuery}); {@code clientId} null is the
 * caller's own client, except that a platform admin grouping by client without naming one reads every client;
 * {@code brandId} narrows to one brand; {@code groupBy} null is {@link UsageGrouping#CLIENT}.
 */
public record SpendingQuery(Caller caller, Instant from, Instant to, ClientId clientId, BrandId brandId,
                            UsageGrouping groupBy) {
    public SpendingQuery {
        Objects.requireNonNull(caller, "caller");
        InstantRange.require(from, "from");
        InstantRange.require(to, "to");
        groupBy = groupBy == null ? UsageGrouping.CLIENT : groupBy;
    }
}
