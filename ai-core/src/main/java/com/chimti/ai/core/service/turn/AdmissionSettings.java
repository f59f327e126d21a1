package com.chimti.ai.core.service.turn;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits that {@link TurnAdmission} enforces before a turn runs. A rate of 0 turns that limit off.
 *
 * @param userRequestsPerMinute  turns (chat and one-shot) a user may start per minute, shared by all instances
 * @param brandRequestsPerMinute turns started in chats of one brand per minute, shared by all instances
 * @param userTokensPerDay       estimated input tokens plus reported output tokens per user per UTC day
 * @param brandTokensPerDay      the same per brand (turns in chats of the brand), shared by all its users
 * @param maxTurnsPerUser        turns of one user running at once in this process (default 1)
 * @param maxConcurrentTurns     turns running at once in this process (its default is sized by the provider)
 * @param queueWait              how long a turn may wait for a free process slot before it is refused (0: none)
 * @param busyRetryAfter         the Retry-After of a refusal for concurrency (a slot's release cannot be foreseen)
 */
public record AdmissionSettings(long userRequestsPerMinute, long brandRequestsPerMinute, long userTokensPerDay,
                                long brandTokensPerDay, int maxTurnsPerUser, int maxConcurrentTurns,
                                Duration queueWait, Duration busyRetryAfter) {
    /** No limits at all (1024 turns per user and in all): the behaviour before admission existed. */
    public static final AdmissionSettings UNLIMITED =
            new AdmissionSettings(0, 0, 0, 0, 1024, 1024, Duration.ZERO, Duration.ofSeconds(5));

    public AdmissionSettings {
        Objects.requireNonNull(queueWait, "queueWait");
        Objects.requireNonNull(busyRetryAfter, "busyRetryAfter");
        if (userRequestsPerMinute < 0 || brandRequestsPerMinute < 0 || userTokensPerDay < 0
                || brandTokensPerDay < 0) {
            throw new IllegalArgumentException("rate limits must be 0 (off) or positive");
        }
        if (maxTurnsPerUser < 1 || maxConcurrentTurns < 1) {
            throw new IllegalArgumentException("concurrency caps must be positive");
        }
        if (queueWait.isNegative() || busyRetryAfter.isNegative() || busyRetryAfter.isZero()) {
            throw new IllegalArgumentException("queueWait must not be negative, busyRetryAfter must be positive");
        }
    }
}
