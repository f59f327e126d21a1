package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.billing.HeldCredits;
import com.chimti.ai.core.domain.billing.WalletEntry;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageOrder;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.port.out.WalletHistory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Wallet histories kept as given, per client and brand; what the store would have written. */
public final class InMemoryWalletHistory implements WalletHistory {
    private record Owned<T>(ClientId clientId, BrandId brandId, T row) {
        boolean of(ClientId client, BrandId brand) {
            return clientId.equals(client) && Objects.equals(brandId, brand);
        }
    }

    private final List<Owned<WalletEntry>> entries = new ArrayList<>();
    private final List<Owned<HeldCredits.Hold>> holds = new ArrayList<>();

    public synchronized InMemoryWalletHistory add(ClientId clientId, BrandId brandId, WalletEntry entry) {
        entries.add(new Owned<>(clientId, brandId, entry));
        return this;
    }

    public synchronized InMemoryWalletHistory hold(ClientId clientId, BrandId brandId, HeldCredits.Hold hold) {
        holds.add(new Owned<>(clientId, brandId, hold));
        return this;
    }

    @Override
    public synchronized Page<WalletEntry> entries(ClientId clientId, BrandId brandId, PageRequest page) {
        List<WalletEntry> mine = entries.stream().filter(e -> e.of(clientId, brandId)).map(Owned::row).toList();
        return PageOrder.NEWEST_FIRST.page(mine, page, WalletEntry::key);
    }

    @Override
    public synchronized HeldCredits openHolds(ClientId clientId, BrandId brandId, int limit) {
        List<HeldCredits.Hold> mine = holds.stream().filter(h -> h.of(clientId, brandId)).map(Owned::row)
                .sorted(Comparator.comparing(HeldCredits.Hold::createdAt)).toList();
        return new HeldCredits(mine.stream().limit(limit).toList(), mine.size(),
                mine.stream().mapToLong(HeldCredits.Hold::amount).sum());
    }
}
