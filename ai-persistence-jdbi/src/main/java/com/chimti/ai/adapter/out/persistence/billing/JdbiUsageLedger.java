package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.billing.UsageEntry;
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
}
