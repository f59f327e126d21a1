package com.chimti.ai.adapter.out.codex.process;

import java.time.Duration;
import java.util.Objects;

/**
 * The global cap on live Codex CLI processes of one server and the short fair queue in front of it.
 *
 * @param maxProcesses live CLI processes at most: warm app-servers (idle ones too) and exec processes
 *                     (env {@code CODEX_MAX_PROCESSES}; default {@link #defaultMaxProcesses(long)})
 * @param queueLength  callers that may wait for a process at once; 0 refuses at once when the cap is full
 *                     (env {@code CODEX_PROCESS_QUEUE_LENGTH})
 * @param queueWait    how long one caller may wait in the queue (env {@code AI_TURN_QUEUE_WAIT_MS}, the wait of every admission queue)
 * @param retryAfter   the Retry-After of a refusal
 */
public record ProcessLimits(int maxProcesses, int queueLength, Duration queueWait, Duration retryAfter) {
    public static final int MAX_PROCESSES = 4096;
    public static final int MAX_QUEUE = 10_000;
    /** What one Codex CLI process needs, with headroom (it measures 140-160 MB). */
    public static final long BYTES_PER_PROCESS = 150L * 1024 * 1024;
    /** Left for the JVM, PostgreSQL and the OS before any CLI process is counted. */
    public static final long RESERVED_BYTES = 1024L * 1024 * 1024;

    public ProcessLimits {
        Objects.requireNonNull(queueWait, "queueWait");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (maxProcesses < 1 || maxProcesses > MAX_PROCESSES) {
            throw new IllegalArgumentException("maxProcesses must be between 1 and " + MAX_PROCESSES);
        }
        if (queueLength < 0 || queueLength > MAX_QUEUE) {
            throw new IllegalArgumentException("queueLength must be between 0 and " + MAX_QUEUE);
        }
        if (queueWait.isNegative() || retryAfter.isNegative() || retryAfter.isZero()) {
            throw new IllegalArgumentException("queueWait must not be negative, retryAfter must be positive");
        }
    }

    /** The cap sized to this machine's memory, a queue of 16 and 2 s of waiting. */
    public static ProcessLimits forThisMachine() {
        return new ProcessLimits(defaultMaxProcesses(memoryBytes()), 16, Duration.ofSeconds(2),
                Duration.ofSeconds(5));
    }

    /**
     * max(1, (memory - 1 GiB) / 150 MiB), at most {@value #MAX_PROCESSES}. Every turn needs one CLI process, so
     * this is also the default cap on concurrent turns ({@code AI_MAX_CONCURRENT_TURNS}).
     */
    public static int defaultMaxProcesses(long memoryBytes) {
        long processes = (memoryBytes - RESERVED_BYTES) / BYTES_PER_PROCESS;
        return (int) Math.max(1, Math.min(processes, MAX_PROCESSES));
    }

    /** The memory available to this server: the container's limit when there is one, else the machine's. */
    public static long memoryBytes() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
    }

    /** A cap with these limits. */
    public ProcessCap newCap() {
        return new ProcessCap(maxProcesses, queueLength, queueWait, retryAfter);
    }
}
