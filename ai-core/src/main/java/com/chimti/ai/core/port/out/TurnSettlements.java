package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.billing.TurnSettlement;

/**
 * Writes what a provider call leaves behind in one transaction: the reservation's settlement (wallet, ledger
 * row), the assistant answer with its chat's {@code updatedAt}, and the usage row. Either all of it is written
 * or, when this throws, none of it (the caller then voids the hold).
 */
public interface TurnSettlements {

    /**
     * Commits {@code settlement}; returns what was written. When its reservation is no longer open (unknown, or
     * voided by the start-up sweep) nothing is charged and the result says 0 credits, in the usage row and the
     * answer alike.
     */
    TurnSettlement commit(TurnSettlement settlement);
}
