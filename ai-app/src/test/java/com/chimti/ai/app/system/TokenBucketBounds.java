package com.chimti.ai.app.system;

import java.time.Duration;

/**
 * What a token bucket of {@code limit} per {@code window} can let through in a measured time: the full bucket
 * plus the whole tokens refilled meanwhile. Tests count the requests that pass before the first 429 and check
 * them against these bounds instead of racing a clock.
 */
final class TokenBucketBounds {
    private TokenBucketBounds() {
    }

    /** At most: a full bucket, plus one request per {@code window / limit} elapsed. */
    static long mostAllowed(long limit, Duration window, Duration elapsed) {
        return limit + elapsed.toMillis() * limit / window.toMillis();
    }
}
