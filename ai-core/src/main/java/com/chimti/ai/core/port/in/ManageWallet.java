package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.billing.Wallet;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;

/** Reading the caller's wallet, and top-ups by platform admins. */
public interface ManageWallet {

    /** The caller's client wallet ({@code brandId} null) or a brand's (in scope); NotFoundException when none. */
    Wallet wallet(Caller caller, BrandId brandId);

    /** PLATFORM_ADMIN only; idempotent per {@code idempotencyKey}. */
    Wallet topUp(TopUpCommand command);
}
