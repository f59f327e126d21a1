package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.util.Objects;

/**
 * One group of an admin usage report: always its client; per {@link UsageGrouping#BRAND} also the brand (null for
 * the client-level calls), per {@link UsageGrouping#USER} also the user.
 */
public record UsageSummary(ClientId clientId, BrandId brandId, UserId userId, UsageTotals totals) {
    public UsageSummary {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(totals, "totals");
    }
}
