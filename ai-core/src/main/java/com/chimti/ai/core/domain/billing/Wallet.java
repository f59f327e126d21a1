package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import java.util.Objects;

/**
 * A prepaid credits wallet of a client (brand null) or of one of its brands. {@code balance} is the money;
 * {@code reserved} is the part held by turns still running, so {@link #available()} is what a new turn may hold.
 * Always {@code 0 <= reserved <= balance}.
 */
public record Wallet(String walletId, ClientId clientId, BrandId brandId, long balance, long reserved) {
    /**
     * The most credits a wallet may hold (10^15): far beyond any real budget, far below the 64-bit column, so no
     * top-up or sum of top-ups can overflow. Enforced by the guarded update that books a top-up.
     */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;

    public Wallet {
        Objects.requireNonNull(walletId, "walletId");
        Objects.requireNonNull(clientId, "clientId");
        if (balance < 0 || reserved < 0 || reserved > balance) {
            throw new IllegalArgumentException("a wallet needs 0 <= reserved <= balance");
        }
    }

    public long available() {
        return balance - reserved;
    }
}
