package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.ConflictException;


/** A top-up would take a wallet's balance over {@link Wallet#MAX_BALANCE}; nothing was booked. */
public class WalletLimitExceededException extends ConflictException {
    public WalletLimitExceededException() {
        super("the top-up would take the wallet over its maximum balance of " + Wallet.MAX_BALANCE + " credits");
    }
}
