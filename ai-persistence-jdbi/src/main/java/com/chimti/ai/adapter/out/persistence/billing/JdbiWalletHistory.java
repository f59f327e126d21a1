package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.billing.HeldCredits;
import com.chimti.ai.core.domain.billing.WalletEntry;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.port.out.WalletHistory;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Wallet histories on PostgreSQL: read-only, over the wallet tables the other billing adapters write. */
public final class JdbiWalletHistory implements WalletHistory {
    private final Jdbi jdbi;
    private final WalletHistoryDao dao;

    public JdbiWalletHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.dao = jdbi.onDemand(WalletHistoryDao.class);
    }

    @Override
    public Page<WalletEntry> entries(ClientId clientId, BrandId brandId, PageRequest page) {
        PageCursor cursor = page.cursor();
        List<WalletEntry> fetched = dao.entries(clientId.value(), brand(brandId),
                        cursor == null ? null : Times.micros(cursor.at()), cursor == null ? null : cursor.id(),
                        page.fetchSize())
                .stream().map(WalletEntryRow::toDomain).toList();
        return page.pageOf(fetched, WalletEntry::key);
    }

    @Override
    public HeldCredits openHolds(ClientId clientId, BrandId brandId, int limit) {
        // one snapshot, so the count and sum describe the listed holds' moment
        return jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ,
                handle -> {
                    WalletHistoryDao tx = handle.attach(WalletHistoryDao.class);
                    List<HeldCredits.Hold> holds = limit <= 0 ? List.of()
                            : tx.openHolds(clientId.value(), brand(brandId), limit).stream()
                                    .map(OpenHoldRow::toDomain).toList();
                    WalletHistoryDao.HoldSums sums = tx.holdSums(clientId.value(), brand(brandId));
                    return new HeldCredits(holds, Math.max(sums.count(), holds.size()), sums.total());
                });
    }

    private static String brand(BrandId brandId) {
        return brandId == null ? null : brandId.value();
    }
}
