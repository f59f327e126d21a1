package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.adapter.out.persistence.sql.Times;
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
import java.util.List;
import org.jdbi.v3.core.Jdbi;

public final class JdbiUsageLedger implements UsageLedger {
    private final UsageDao dao;

    public JdbiUsageLedger(Jdbi jdbi) {
        this.dao = jdbi.onDemand(UsageDao.class);
    }

    @Override
    public void record(UsageEntry entry) {
        dao.insert(Rows.bindings(UsageRow.of(entry)));
    }

    @Override
    public List<UsageEntry> find(ClientId clientId, BrandId brandId, UserId userId, Instant from, Instant to,
                                 int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return dao.find(clientId.value(), brandId == null ? null : brandId.value(),
                        userId == null ? null : userId.value(), Times.micros(from), Times.micros(to), limit)
                .stream().map(UsageRow::toDomain).toList();
    }

    @Override
    public List<UsageSummary> summarize(UsageFilter filter, UsageGrouping groupBy, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String brand = groupBy == UsageGrouping.BRAND ? "brand_id" : "CAST(NULL AS text)";
        String user = groupBy == UsageGrouping.USER ? "user_id" : "CAST(NULL AS text)";
        return dao.summarize(brand, user, clientOf(filter), brandOf(filter), Times.micros(filter.from()),
                Times.micros(filter.to()), limit).stream().map(UsageSummaryRow::toDomain).toList();
    }

    @Override
    public UsageTotals total(UsageFilter filter) {
        return dao.total(clientOf(filter), brandOf(filter), Times.micros(filter.from()), Times.micros(filter.to()))
                .totals();
    }

    private static String clientOf(UsageFilter filter) {
        return filter.clientId() == null ? null : filter.clientId().value();
    }

    private static String brandOf(UsageFilter filter) {
        return filter.brandId() == null ? null : filter.brandId().value();
    }
}
