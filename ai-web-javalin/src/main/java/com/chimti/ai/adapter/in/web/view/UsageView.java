package com.chimti.ai.adapter.in.web.view;

import com.chimti.ai.core.port.in.TurnResult;

public record UsageView(long inputTokens, long outputTokens, long credits) {
    public static UsageView of(TurnResult turn) {
        return new UsageView(turn.usage().inputTokens(), turn.usage().outputTokens(), turn.credits());
    }
}
