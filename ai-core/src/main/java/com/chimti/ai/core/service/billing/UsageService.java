package com.chimti.ai.core.service.billing;

import com.chimti.ai.core.domain.ReportRange;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.in.ReadUsage;
import com.chimti.ai.core.port.in.UsageQuery;
import com.chimti.ai.core.port.in.UsageReport;
import com.chimti.ai.core.port.out.UsageLedger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The usage log. Callers with AI access see their own calls in their client; a brand superadmin or admin may
 * ask for a whole brand in their scope (everyone's calls in it); anyone else asking for a brand is refused.
 * The range defaults to the last 30 days and may span at most 366 days.
 */
public final class UsageService implements ReadUsage {
    public static final int MAX_ITEMS = 5000;

    private final UsageLedger ledger;
    private final AiAccessPolicy accessPolicy;
    private final Clock clock;

    public UsageService(UsageLedger ledger, AiAccessPolicy accessPolicy, Clock clock) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public UsageReport usage(UsageQuery query) {
        Caller caller = query.caller();
        accessPolicy.requireAccess(caller);
        ReportRange range = ReportRange.resolve(query.from(), query.to(), clock);
        Instant from = range.from();
        Instant to = range.to();
        UserId userId = caller.userId();
        if (query.brandId() != null) {
            if (!caller.isBrandAdmin()) {
                throw new OutOfScopeException("only brand admins may read a brand's usage");
            }
            caller.requireBrand(query.brandId());
            userId = null;
        }
        List<UsageEntry> found = ledger.find(caller.clientId(), query.brandId(), userId, from, to, MAX_ITEMS + 1);
        boolean truncated = found.size() > MAX_ITEMS;
        List<UsageEntry> items = truncated ? found.subList(0, MAX_ITEMS) : found;
        return new UsageReport(from, to, items, UsageReport.Totals.of(items), truncated);
    }
}
