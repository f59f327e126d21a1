package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.billing.WalletEntry;
import com.chimti.ai.core.domain.paging.Page;

/**
 * The operators' views of usage and money. A platform admin reads any client (its own unless the query names
 * one); a brand superadmin or admin reads only brands in their scope, in their own client; anyone else is refused
 * ({@link com.chimti.ai.core.domain.tenancy.OutOfScopeException}), as is a brand admin naming another client, no
 * brand or a brand outside their scope.
 */
public interface AdministerBilling {

    /** Usage and spend added up per client, brand or user over a range, with the totals of every row. */
    SpendingReport spending(SpendingQuery query);

    /** A wallet's top-ups, holds, settlements and voids, newest first, a page at a time. */
    Page<WalletEntry> ledger(WalletLedgerQuery query);

    /** A wallet's open holds now, with their count and sum. */
    OpenHoldsReport openHolds(OpenHoldsQuery query);
}
