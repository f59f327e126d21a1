package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.core.domain.BrandId;
import com.chimti.ai.core.domain.ClientId;
import com.chimti.ai.core.domain.Wallet;

/** One wallet row. */
record WalletRow(String walletId, String clientId, String brandId, long balance, long reserved) {
    Wallet toDomain() {
        return new Wallet(walletId, new ClientId(clientId), brandId == null ? null : new BrandId(brandId), balance,
                reserved);
    }
}
