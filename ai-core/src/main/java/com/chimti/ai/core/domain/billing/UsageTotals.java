package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.provider.TurnOutcome;

/** Calls, tokens and credits of a set of usage rows, with how many calls ended in each outcome. */
public record UsageTotals(long calls, long inputTokens, long outputTokens, long credits, long completed,
                          long cancelled, long timedOut, long failed) {
    public static final UsageTotals ZERO = new UsageTotals(0, 0, 0, 0, 0, 0, 0, 0);

    public UsageTotals {
        if (calls < 0 || inputTokens < 0 || outputTokens < 0 || credits < 0 || completed < 0 || cancelled < 0
                || timedOut < 0 || failed < 0) {
            throw new IllegalArgumentException("usage totals cannot be negative");
        }
        if (completed + cancelled + timedOut + failed != calls) {
            throw new IllegalArgumentException("every call has exactly one outcome");
        }
    }

    /** The totals of one call. */
    public static UsageTotals of(UsageEntry entry) {
        TurnOutcome outcome = entry.outcome();
        return new UsageTotals(1, entry.tokens().inputTokens(), entry.tokens().outputTokens(), entry.credits(),
                outcome == TurnOutcome.COMPLETED ? 1 : 0, outcome == TurnOutcome.CANCELLED ? 1 : 0,
                outcome == TurnOutcome.TIMED_OUT ? 1 : 0, outcome == TurnOutcome.FAILED ? 1 : 0);
    }

    public UsageTotals plus(UsageTotals other) {
        return new UsageTotals(calls + other.calls, inputTokens + other.inputTokens,
                outputTokens + other.outputTokens, credits + other.credits, completed + other.completed,
                cancelled + other.cancelled, timedOut + other.timedOut, failed + other.failed);
    }
}
