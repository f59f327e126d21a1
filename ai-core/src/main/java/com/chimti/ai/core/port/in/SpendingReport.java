package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.billing.UsageGrouping;
import com.chimti.ai.core.domain.billing.UsageSummary;
import com.chimti.ai.core.domain.billing.UsageTotals;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An admin usage report: the range and scope it covers ({@code clientId} null: every client), one row per group,
 * the most credits first, and the totals of every matching call. {@code truncated} says there were more groups
 * than the rows listed; the totals still cover them all.
 */
public record SpendingReport(Instant from, Instant to, UsageGrouping groupBy, ClientId clientId, BrandId brandId,
                             List<UsageSummary> rows, UsageTotals totals, boolean truncated) {
    public SpendingReport {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(groupBy, "groupBy");
        Objects.requireNonNull(totals, "totals");
        rows = List.copyOf(rows);
    }
}
