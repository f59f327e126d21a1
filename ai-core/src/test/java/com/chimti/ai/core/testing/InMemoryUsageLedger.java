package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.billing.UsageFilter;
import com.chimti.ai.core.domain.billing.UsageGrouping;
import com.chimti.ai.core.domain.billing.UsageSummary;
import com.chimti.ai.core.domain.billing.UsageTotals;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.out.UsageLedger;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

public final class InMemoryUsageLedger implements UsageLedger {
    private final List<UsageEntry> entries = new CopyOnWriteArrayList<>();

    @Override
    public void record(UsageEntry entry) {
        entries.add(entry);
    }

    @Override
    public List<UsageEntry> find(ClientId clientId, BrandId brandId, UserId userId, Instant from, Instant to,
                                 int limit) {
        return entries.stream()
                .filter(e -> e.clientId().equals(clientId))
                .filter(e -> brandId == null || Objects.equals(brandId, e.brandId()))
                .filter(e -> userId == null || e.userId().equals(userId))
                .filter(e -> !e.at().isBefore(from) && e.at().isBefore(to))
                .sorted(Comparator.comparing(UsageEntry::at).reversed())
                .limit(limit)
                .toList();
    }

    @Override
    public List<UsageSummary> summarize(UsageFilter filter, UsageGrouping groupBy, int limit) {
        Map<UsageSummary, UsageTotals> groups = new LinkedHashMap<>();
        matching(filter).forEach(e -> {
            UsageSummary key = new UsageSummary(e.clientId(), groupBy == UsageGrouping.BRAND ? e.brandId() : null,
                    groupBy == UsageGrouping.USER ? e.userId() : null, UsageTotals.ZERO);
            groups.merge(key, UsageTotals.of(e), UsageTotals::plus);
        });
        return groups.entrySet().stream()
                .map(g -> new UsageSummary(g.getKey().clientId(), g.getKey().brandId(), g.getKey().userId(),
                        g.getValue()))
                .sorted(Comparator.comparingLong((UsageSummary s) -> -s.totals().credits())
                        .thenComparingLong(s -> -s.totals().calls()))
                .limit(limit)
                .toList();
    }

    @Override
    public UsageTotals total(UsageFilter filter) {
        return matching(filter).map(UsageTotals::of).reduce(UsageTotals.ZERO, UsageTotals::plus);
    }

    private java.util.stream.Stream<UsageEntry> matching(UsageFilter filter) {
        return entries.stream()
                .filter(e -> filter.clientId() == null || e.clientId().equals(filter.clientId()))
                .filter(e -> filter.brandId() == null || filter.brandId().equals(e.brandId()))
                .filter(e -> !e.at().isBefore(filter.from()) && e.at().isBefore(filter.to()));
    }

    public List<UsageEntry> all() {
        return List.copyOf(entries);
    }
}
