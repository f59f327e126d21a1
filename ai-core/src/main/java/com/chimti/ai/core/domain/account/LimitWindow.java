package com.chimti.ai.core.domain.account;

import java.time.Instant;

/** One usage-limit window of a provider account, e.g. 42% of a 300-minute window used. */
public record LimitWindow(double usedPercent, Integer windowMinutes, Instant resetsAt) {
}
