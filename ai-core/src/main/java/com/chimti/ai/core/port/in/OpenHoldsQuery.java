package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import java.util.Objects;

/** The open holds of a wallet, named as in {@link WalletLedgerQuery}. */
public record OpenHoldsQuery(Caller caller, ClientId clientId, BrandId brandId) {
    public OpenHoldsQuery {
        Objects.requireNonNull(caller, "caller");
    }
}
