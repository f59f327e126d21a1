package com.chimti.ai.core.port.out;

import java.time.Duration;
import java.util.Objects;

/**
 * Shared token buckets (per user, per brand), kept where every server instance sees them (the PostgreSQL
 * adapter) so several instances enforce one limit together.
 *
 * <p>Semantics every adapter must keep: each key has a bucket of {@link Rule#limit()} tokens that starts full and
 * refills greedily (continuously, {@code limit} tokens spread evenly over {@link Rule#window()}), never beyond
 * {@code limit}. {@link #tryAcquire} takes {@code cost} tokens when the bucket holds that many and otherwise takes
 * nothing; it is atomic, so of many concurrent callers on a full bucket exactly {@code limit / cost} succeed
 * (before any refill). {@link #charge} takes tokens without a check and may leave the bucket below zero; it
 * refills from there. A cost above the limit can never pass. The bucket of a key is tied to its rule: a changed
 * limit or window starts a new, full bucket. (Named {@code RateLimiter} because {@code domain.RateLimits}
 * already names a provider account's usage windows.)
 */
public interface RateLimiter {

    /**
     * Takes {@code cost} tokens from the key's bucket if it holds that many; otherwise takes nothing.
     *
     * @throws IllegalArgumentException when {@code cost} is not positive
     */
    Decision tryAcquire(Key key, long cost, Rule rule);

    /**
     * Takes {@code cost} tokens without a check (e.g. output tokens known only after the turn); the bucket may
     * go below zero, which refuses the next {@link #tryAcquire} until it has refilled enough. A {@code cost} of
     * zero or less changes nothing.
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

    /**
     * A bucket of {@code limit} tokens refilled at {@code limit} per {@code window} (so at most {@code limit}
     * units per window on average, and a burst of at most {@code limit}); windows are whole seconds.
     */
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

    /**
     * The outcome of one {@link #tryAcquire}: {@code remaining} whole tokens left in the bucket (never below
     * zero), and {@code reset} the time until the bucket is full again ({@link Allowed}) or, for a
     * {@link Refused}, until it holds enough for the refused cost.
     */
    sealed interface Decision permits Allowed, Refused {
        long limit();

        long remaining();

        Duration reset();
    }

    record Allowed(long limit, long remaining, Duration reset) implements Decision {
    }

    /**
     * Nothing was taken; {@code retryAfter} is the time until the bucket holds the refused cost (the earliest the
     * same request can succeed), or the whole window for a cost above the limit.
     */
    record Refused(long limit, long remaining, Duration retryAfter) implements Decision {
        @Override
        public Duration reset() {
            return retryAfter;
        }
    }
}
