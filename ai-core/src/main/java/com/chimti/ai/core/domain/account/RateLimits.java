package com.chimti.ai.core.domain.account;

public record RateLimits(LimitWindow primary, LimitWindow secondary) {
}
