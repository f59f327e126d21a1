package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.billing.HeldCredits;
import com.chimti.ai.core.domain.billing.WalletEntry;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;

/**
 * What happened to a wallet, for operators: the wallet is named by its client and brand ({@code brandId} null is
 * the client-wide wallet), so no id of another client's wallet can be replayed. A client without that wallet has
 * an empty history.
 */
public interface WalletHistory {

    /** Top-ups, holds, settlements and voids, newest first by {@link WalletEntry#key()}. */
    Page<WalletEntry> entries(ClientId clientId, BrandId brandId, PageRequest page);

    /** The reservations still open, oldest first, at most {@code limit} of them; count and total cover all. */
    HeldCredits openHolds(ClientId clientId, BrandId brandId, int limit);
}
