package com.chimti.ai.core.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * Shared request and token counters (per user, per brand), kept where every server instance sees them (the
 * PostgreSQL adapter) so several instances enforce one limit together.
 *
 * <p>Semantics every adapter must keep: a fixed window of {@link Rule#window()} aligned to the epoch (minute
 * windows start at :00, day windows at 00:00 UTC); {@link #tryAcquire} adds {@code cost} only when the window's
 * total stays within {@link Rule#limit()} and otherwise adds nothing; it is atomic, so of many concurrent callers
 * exactly {@code limit / cost} succeed in a window. A new window starts from zero. (Named {@code RateLimiter}
 * because {@code domain.RateLimits} already names a provider account's usage windows.)
 */
public interface RateLimiter {

    /** Adds {@code cost} to the key's current window unless that would exceed the rule's limit. */
    Decision tryAcquire(Key key, long cost, Rule rule);

    /**
     * Adds {@code cost} without a check (e.g. output tokens known only after the turn); the window may go over
     * its limit, which then refuses the next {@link #tryAcquire} until the window ends.
     */
    void charge(Key key, long cost, Rule rule);

    /**
     * What is counted: a short scope ("user-rpm", "brand-rpm", "user-tpd") and the subject within it (e.g. a
     * client-qualified user id). Together at most 400 characters.
     */
    record Key(String scope, String subject) {
        public Key {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(subject, "subject");
            if (scope.isBlank() || scope.contains(":") || scope.length() + subject.length() > 399) {
                throw new IllegalArgumentException("invalid rate limit key");
            }
        }

        /** The stored form, {@code scope:subject}. */
        public String value() {
            return scope + ":" + subject;
        }
    }

    /** At most {@code limit} units per {@code window}; windows are whole seconds. */
    record Rule(long limit, Duration window) {
        public Rule {
            Objects.requireNonNull(window, "window");
            if (limit < 1 || window.toSeconds() < 1 || window.toNanos() % 1_000_000_000L != 0) {
                throw new IllegalArgumentException("a rate limit needs a positive limit and a whole-second window");
            }
        }

        public static Rule perMinute(long limit) {
            return new Rule(limit, Duration.ofMinutes(1));
        }

        public static Rule perDay(long limit) {
            return new Rule(limit, Duration.ofDays(1));
        }

        /** {@code limit;w=seconds}, the IETF draft's RateLimit-Policy item. */
        public String policy() {
            return limit + ";w=" + window.toSeconds();
        }
    }

    /** The outcome of one {@link #tryAcquire}. {@code reset} is the time until the current window ends. */
    sealed interface Decision permits Allowed, Refused {
        long limit();

        long remaining();

        Duration reset();
    }

    record Allowed(long limit, long remaining, Duration reset) implements Decision {
    }

    /** Nothing was added; {@code retryAfter} is when the window ends (the earliest a retry can succeed). */
    record Refused(long limit, long remaining, Duration retryAfter) implements Decision {
        @Override
        public Duration reset() {
            return retryAfter;
        }
    }

    /** Where a window of {@code windowSeconds} that contains {@code epochSecond} starts. */
    static long windowStart(long epochSecond, long windowSeconds) {
        return Math.floorDiv(epochSecond, windowSeconds) * windowSeconds;
    }
}
