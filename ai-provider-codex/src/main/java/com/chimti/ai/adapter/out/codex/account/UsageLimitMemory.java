package com.chimti.ai.adapter.out.codex.account;

import com.chimti.ai.core.domain.account.AccountError;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The usage limit a user's turn ran into, remembered so the account status shows it until it resets or a turn
 * succeeds. Per instance, in memory.
 */
public final class UsageLimitMemory {
    private final Clock clock;
    private final Map<TenantUser, Instant> resetsAt = new ConcurrentHashMap<>();

    public UsageLimitMemory(Clock clock) {
        this.clock = clock;
    }

    /** A turn of the user hit the limit, which resets after {@code retryAfter}. */
    public void hit(TenantUser user, Duration retryAfter) {
        resetsAt.put(user, clock.instant().plus(retryAfter));
    }

    /** A turn of the user completed: no limit stands in its way. */
    public void clear(TenantUser user) {
        resetsAt.remove(user);
    }

    /** The {@code rate_limited} error while the limit has not reset, else null. */
    AccountError error(TenantUser user) {
        Instant until = resetsAt.get(user);
        if (until == null) {
            return null;
        }
        if (!clock.instant().isBefore(until)) {
            resetsAt.remove(user, until);
            return null;
        }
        return new AccountError("rate_limited",
                "The Codex usage limit of this account is reached; it resets around " + until + ".");
    }
}
