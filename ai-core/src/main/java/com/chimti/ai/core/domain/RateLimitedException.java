package com.chimti.ai.core.domain;

import java.time.Duration;

/** Too many requests, or the provider account's usage limit is reached. */
public class RateLimitedException extends AiException {
    private final Duration retryAfter;

    public RateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter == null ? Duration.ofSeconds(60) : retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
