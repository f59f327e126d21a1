package com.chimti.ai.core.domain;

public record RateLimits(LimitWindow primary, LimitWindow secondary) {
}
