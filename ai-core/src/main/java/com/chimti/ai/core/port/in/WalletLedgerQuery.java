package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import java.util.Objects;

/**
 * A page of the history of the wallet of {@code clientId} (null: the caller's own client) and {@code brandId}
 * (null: the client-wide wallet, which only platform admins read).
 */
public record WalletLedgerQuery(Caller caller, ClientId clientId, BrandId brandId, PageRequest page) {
    public WalletLedgerQuery {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(page, "page");
    }
}
