package com.chimti.ai.adapter.in.web.auth;

import java.time.Duration;
import java.util.Objects;

/**
 * How repeated authentication failures from one client address are slowed down (see {@link AuthFailureThrottle}).
 *
 * @param maxFailures  failed token checks an address may have within {@code window}; one more blocks it for a
 *                     window. 0 turns the throttle off
 * @param window       the counting window, also how long a blocked address stays blocked
 * @param maxAddresses addresses remembered at once (least recently seen forgotten first), bounding memory
 */
public record AuthThrottleSettings(int maxFailures, Duration window, int maxAddresses) {
    public static final int DEFAULT_MAX_FAILURES = 20;
    public static final int DEFAULT_MAX_ADDRESSES = 10_000;

    public AuthThrottleSettings {
        Objects.requireNonNull(window, "window");
        if (maxFailures < 0) {
            throw new IllegalArgumentException("maxFailures must not be negative");
        }
        if (window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be at least a millisecond");
        }
        if (maxAddresses < 1) {
            throw new IllegalArgumentException("maxAddresses must be positive");
        }
    }

    /** {@code maxFailures} per minute, the default number of addresses. */
    public static AuthThrottleSettings perMinute(int maxFailures) {
        return new AuthThrottleSettings(maxFailures, Duration.ofMinutes(1), DEFAULT_MAX_ADDRESSES);
    }

    /** 20 failures a minute. */
    public static AuthThrottleSettings defaults() {
        return perMinute(DEFAULT_MAX_FAILURES);
    }

    public boolean enabled() {
        return maxFailures > 0;
    }
}
