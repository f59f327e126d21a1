package com.chimti.ai.core.domain.billing;

import java.util.Objects;

/** A top-up's answer: the wallet after it, and whether this call booked the credits (false for a replay). */
public record TopUp(Wallet wallet, boolean booked) {
    public TopUp {
        Objects.requireNonNull(wallet, "wallet");
    }
}
