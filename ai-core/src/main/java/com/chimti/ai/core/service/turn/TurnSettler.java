package com.chimti.ai.core.service.turn;

import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.port.out.TurnSettlements;
import com.chimti.ai.core.service.billing.Billing;
import java.util.Objects;
import java.util.function.LongFunction;

/**
 * The one place where a provider call's hold ends, for chat turns and one-shot calls alike. Every ending goes
 * through {@link TurnSettlements} as one transaction (charge, usage row, answer), so the wallet ledger and the
 * usage log always agree: when that write fails the hold is voided instead, and the call is logged as failed at
 * 0 credits where that still can be written.
 */
public final class TurnSettler {
    private final TurnSettlements settlements;
    private final Billing billing;

    public TurnSettler(TurnSettlements settlements, Billing billing) {
        this.settlements = Objects.requireNonNull(settlements, "settlements");
        this.billing = Objects.requireNonNull(billing, "billing");
    }

    /**
     * Ends {@code hold} with the call's actual cost. {@code turn} builds the usage row and the answer (null for a
     * call that answered nothing) for a given charge. Returns what was written; throws the write's failure after
     * voiding the hold.
     */
    public TurnSettlement settle(Billing.Hold hold, String model, TokenUsage tokens, LongFunction<Turn> turn) {
        TurnSettlement settlement;
        try {
            long charge = billing.charge(hold, model, tokens);
            Turn built = turn.apply(charge);
            settlement = new TurnSettlement(hold.reservationId(), charge, built.usage(), built.answer());
        } catch (RuntimeException unbuildable) {
            billing.release(hold);
            throw unbuildable;
        }
        return commit(hold, settlement);
    }

    /**
     * Ends {@code hold} for a provider call that failed: the base price when {@link Billing#chargesFor} says so,
     * else no charge (the hold is voided). The usage row is written either way.
     */
    public TurnSettlement failed(Billing.Hold hold, String model, RuntimeException failure,
                                 LongFunction<UsageEntry> usage) {
        if (Billing.chargesFor(failure)) {
            return settle(hold, model, TokenUsage.NONE, credits -> new Turn(usage.apply(credits), null));
        }
        billing.release(hold);
        return commit(Billing.Hold.FREE, TurnSettlement.unbilled(usage.apply(0), null));
    }

    private TurnSettlement commit(Billing.Hold hold, TurnSettlement settlement) {
        try {
            return settlements.commit(settlement);
        } catch (RuntimeException failure) {
            // nothing of the settlement was written: no charge may stay behind without its usage row
            billing.release(hold);
            logFailed(settlement, failure);
            throw failure;
        }
    }

    /** Best effort: the call still appears in the usage log, failed and free, unless that write fails too. */
    private void logFailed(TurnSettlement settlement, RuntimeException failure) {
        UsageEntry u = settlement.usage();
        if (u.outcome() == TurnOutcome.FAILED && settlement.answer() == null && settlement.charge() == 0) {
            return; // that very row could not be written
        }
        UsageEntry failedRow = u.failedUncharged();
        try {
            settlements.commit(TurnSettlement.unbilled(failedRow, null));
        } catch (RuntimeException alsoFailed) {
            failure.addSuppressed(alsoFailed);
        }
    }

    /** What a settled call writes besides the charge: its usage row and, for a chat turn, the answer. */
    public record Turn(UsageEntry usage, AiMessage answer) {
        public Turn {
            Objects.requireNonNull(usage, "usage");
        }
    }
}
