package com.chimti.ai.core.domain.turn;

import com.chimti.ai.core.domain.AiException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Too many requests, or the provider account's usage limit is reached. When our own limiter refuses, it also
 * says which limit: {@link #limit()} units per {@link #window()} (no window for a concurrency cap), of which
 * {@link #remaining()} are left; the web adapter turns them into {@code RateLimit} / {@code RateLimit-Policy}
 * headers. A provider's own limit carries only the retry delay.
 */
public class RateLimitedException extends AiException {
    private final Duration retryAfter;
    private final Long limit;
    private final Long remaining;
    private final Duration window;

    public RateLimitedException(String message, Duration retryAfter) {
        this(message, retryAfter, null, null, null);
    }

    /**
     * @param limit     the limit that refused (requests, tokens or concurrent turns)
     * @param remaining what is left of it now (usually 0)
     * @param window    the limit's window, or null for a concurrency cap
     */
    public RateLimitedException(String message, Duration retryAfter, long limit, long remaining, Duration window) {
        this(message, retryAfter, Long.valueOf(limit), Long.valueOf(Math.max(0, remaining)), window);
    }

    private RateLimitedException(String message, Duration retryAfter, Long limit, Long remaining, Duration window) {
        super(message);
        this.retryAfter = retryAfter == null ? Duration.ofSeconds(60) : retryAfter;
        this.limit = limit;
        this.remaining = remaining;
        this.window = window;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    public OptionalLong limit() {
        return limit == null ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    public OptionalLong remaining() {
        return remaining == null ? OptionalLong.empty() : OptionalLong.of(remaining);
    }

    public Optional<Duration> window() {
        return Optional.ofNullable(window);
    }
}
