package com.chimti.ai.core.service;

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
 * @param maxConcurrentTurns     turns (CLI processes) running at once in this process, see
 *                               {@link #concurrentTurnsFor(long)}
 * @param queueWait              how long a turn may wait for a free process slot before it is refused (0: none)
 * @param busyRetryAfter         the Retry-After of a refusal for concurrency (a slot's release cannot be foreseen)
 */
public record AdmissionSettings(long userRequestsPerMinute, long brandRequestsPerMinute, long userTokensPerDay,
                                long brandTokensPerDay, int maxTurnsPerUser, int maxConcurrentTurns,
                                Duration queueWait, Duration busyRetryAfter) {
    /** What one Codex CLI process needs, with headroom (it measures 140-160 MB). */
    public static final long BYTES_PER_TURN = 150L * 1024 * 1024;
    /** Left for the JVM, PostgreSQL and the OS before any CLI process is counted. */
    public static final long RESERVED_BYTES = 1024L * 1024 * 1024;

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

    /** The default process cap for a machine: max(1, (total memory - 1 GiB) / 150 MiB). */
    public static int concurrentTurnsFor(long totalMemoryBytes) {
        long slots = (totalMemoryBytes - RESERVED_BYTES) / BYTES_PER_TURN;
        return (int) Math.max(1, Math.min(slots, 4096));
    }
}
