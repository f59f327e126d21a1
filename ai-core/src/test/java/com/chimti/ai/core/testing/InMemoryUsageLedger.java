package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.out.UsageLedger;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

    public List<UsageEntry> all() {
        return List.copyOf(entries);
    }
}
