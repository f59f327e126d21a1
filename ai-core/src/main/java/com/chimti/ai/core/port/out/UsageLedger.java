package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.UsageFilter;
import com.chimti.ai.core.domain.billing.UsageGrouping;
import com.chimti.ai.core.domain.billing.UsageSummary;
import com.chimti.ai.core.domain.billing.UsageTotals;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.List;

/** Records every provider call, for audit, limits and billing. */
public interface UsageLedger {

    void record(UsageEntry entry);

    /** Entries in {@code [from, to)}, newest first; {@code userId} null means the whole brand. */
    List<UsageEntry> find(ClientId clientId, BrandId brandId, UserId userId, Instant from, Instant to, int limit);

    /**
     * The rows matching {@code filter} added up per group (by the store, not by the caller), at most {@code limit}
     * groups, the most credits first (then the most calls, then by their ids).
     */
    List<UsageSummary> summarize(UsageFilter filter, UsageGrouping groupBy, int limit);

    /** The rows matching {@code filter} added up, all of them. */
    UsageTotals total(UsageFilter filter);
}
