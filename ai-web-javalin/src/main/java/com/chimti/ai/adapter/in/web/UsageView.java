package com.chimti.ai.adapter.in.web;

import com.chimti.ai.core.port.in.TurnResult;

record UsageView(long inputTokens, long outputTokens, long credits) {
    static UsageView of(TurnResult turn) {
        return new UsageView(turn.usage().inputTokens(), turn.usage().outputTokens(), turn.credits());
    }
}
