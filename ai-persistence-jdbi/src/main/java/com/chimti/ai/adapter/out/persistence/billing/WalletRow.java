package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;

/** One wallet row. */
record WalletRow(String walletId, String clientId, String brandId, long balance, long reserved) {
    Wallet toDomain() {
        return new Wallet(walletId, new ClientId(clientId), brandId == null ? null : new BrandId(brandId), balance,
                reserved);
    }
}
