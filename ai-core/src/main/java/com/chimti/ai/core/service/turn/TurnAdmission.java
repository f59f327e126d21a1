package com.chimti.ai.core.service.turn;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.ProfileLocks;
import com.chimti.ai.core.port.out.RateLimiter;
import com.chimti.ai.core.port.out.TurnCapacity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Decides whether a turn may start, before anything is stored or the provider is called: the one admission step
 * of every turn. A refusal is a {@link RateLimitedException} (429 with Retry-After and RateLimit headers). In
 * order:
 * <ol>
 *   <li>turns of this user running in this process, at most {@link AdmissionSettings#maxTurnsPerUser()}, and
 *       the user's cross-instance lock ({@link ProfileLocks}, a PostgreSQL advisory lock): while any turn of
 *       the user runs on one instance, the user's turns on every other instance are refused, so two instances
 *       never drive one user's provider profile at once. The turns of one instance share one hold, counted
 *       once ({@link UserTurns});</li>
 *   <li>a slot among {@link AdmissionSettings#maxConcurrentTurns()} slots of this process (one CLI process per
 *       running turn, sized to the machine's memory), waiting at most {@link AdmissionSettings#queueWait()} in a
 *       fair FIFO queue for one to free up. This bounds running turns, not idle CLI processes a provider keeps
 *       warm between turns (the last step);</li>
 *   <li>the shared token buckets of the {@link RateLimiter}: requests per minute of the user, then of the
 *       chat's brand (none for one-shot calls and brand-less chats), then the tokens per day of the user and of
 *       the brand, charged with the estimated input up front; the reported output tokens are taken after the
 *       turn ({@link Permit#recordOutput}), so a bucket driven below zero refuses the next turns until it has
 *       refilled;</li>
 *   <li>what the provider holds for the turn ({@link AiProvider#reserveTurn}, for Codex a place under its cap
 *       on live CLI processes, with its own queue): process slots count other things than turn slots (an idle
 *       warm app-server holds one), so the provider keeps that counter, and its refusal is a 429 too.</li>
 * </ol>
 * A turn refused by a later step still counts against the earlier buckets (it was a request). Nothing is
 * refunded: tokens taken come back only by refilling. When the buckets' store fails, the turn fails with it.
 * Everything else a refused turn took is given back; an admitted turn gives it back when its permit closes.
 */
public final class TurnAdmission {
    static final String USER_RPM = "user-rpm";
    static final String BRAND_RPM = "brand-rpm";
    static final String USER_TPD = "user-tpd";
    static final String BRAND_TPD = "brand-tpd";
    /** Refusal kinds besides the counters' scopes: the per-user turn cap and the server's slot cap. */
    public static final String USER_TURNS = "user-turns";
    public static final String SERVER_BUSY = "server-busy";
    /** Every kind a refusal listener can be told. */
    public static final List<String> REFUSAL_KINDS =
            List.of(USER_TURNS, SERVER_BUSY, USER_RPM, BRAND_RPM, USER_TPD, BRAND_TPD);

    private static final System.Logger LOG = System.getLogger(TurnAdmission.class.getName());

    private final RateLimiter limiter;
    private final AdmissionSettings settings;
    private final Semaphore slots;
    private final Consumer<String> refusals;
    private final UserTurns users;

    /** One instance: no lock beyond this process's own counts. */
    public TurnAdmission(RateLimiter limiter, AdmissionSettings settings) {
        this(limiter, settings, ProfileLocks.SINGLE_INSTANCE);
    }

    /** @param profileLocks the per-user lock shared by every instance on the same database */
    public TurnAdmission(RateLimiter limiter, AdmissionSettings settings, ProfileLocks profileLocks) {
        this(limiter, settings, profileLocks, kind -> { });
    }

    /**
     * @param refusals told the kind of every refusal ({@value #USER_TURNS}, {@value #SERVER_BUSY},
     *                 {@code user-rpm}, {@code brand-rpm}, {@code user-tpd}, {@code brand-tpd}), e.g. for a
     *                 metrics counter; a listener that throws changes nothing
     */
    public TurnAdmission(RateLimiter limiter, AdmissionSettings settings, ProfileLocks profileLocks,
                         Consumer<String> refusals) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.slots = new Semaphore(settings.maxConcurrentTurns(), true);
        this.users = new UserTurns(profileLocks);
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    private void refused(String kind) {
        try {
            refusals.accept(kind);
        } catch (RuntimeException ignored) {
            // a listener's failure must not change the answer
        }
    }

    /** Turns admitted and not yet closed in this process. */
    public int running() {
        return settings.maxConcurrentTurns() - slots.availablePermits();
    }

    /**
     * Admits one turn on {@code provider} or throws {@link RateLimitedException}; the permit (which also holds
     * what the provider reserved for the turn) must be closed when the turn ends.
     *
     * @param brandId              the chat's brand, or null
     * @param estimatedInputTokens what the turn sends, estimated (one token per character)
     */
    public Permit admit(Caller caller, BrandId brandId, long estimatedInputTokens, AiProvider provider) {
        Objects.requireNonNull(provider, "provider");
        return admit(caller, brandId, estimatedInputTokens, provider::reserveTurn);
    }

    /** Admits one turn of a provider that reserves nothing for it; otherwise like the method above. */
    public Permit admit(Caller caller, BrandId brandId, long estimatedInputTokens) {
        return admit(caller, brandId, estimatedInputTokens, user -> TurnCapacity.NONE);
    }

    private Permit admit(Caller caller, BrandId brandId, long estimatedInputTokens,
                         Function<TenantUser, TurnCapacity> reservation) {
        Objects.requireNonNull(caller, "caller");
        String user = qualified(caller, caller.userId().value());
        String brand = brandId == null ? null : qualified(caller, brandId.value());
        enterUser(user);
        boolean slotHeld = false;
        try {
            acquireSlot();
            slotHeld = true;
            checkRates(user, brand, Math.max(0, estimatedInputTokens));
            return new Permit(user, brand, reservation.apply(caller.tenantUser()));
        } catch (RuntimeException refused) {
            if (slotHeld) {
                slots.release();
            }
            users.leave(user);
            throw refused;
        }
    }

    /** Ids are unique within a client only; the length prefix keeps {@code client/id} unambiguous. */
    private static String qualified(Caller caller, String id) {
        String client = caller.clientId().value();
        return client.length() + ":" + client + "/" + id;
    }

    private void enterUser(String user) {
        int max = settings.maxTurnsPerUser();
        switch (users.enter(user, max)) {
            case ENTERED -> {
            }
            case USER_FULL -> {
                refused(USER_TURNS);
                throw new RateLimitedException(max == 1 ? "a turn of yours is already running; wait for it to end"
                        : "too many of your turns are running; wait for one to end",
                        settings.busyRetryAfter(), max, 0, null);
            }
            case HELD_ELSEWHERE -> {
                refused(USER_TURNS); // the user's turn runs on another instance
                throw new RateLimitedException("a turn of yours is already running on another server; wait for it"
                        + " to end", settings.busyRetryAfter(), max, 0, null);
            }
        }
    }

    private void acquireSlot() {
        boolean acquired;
        long waitMs = settings.queueWait().toMillis();
        if (waitMs <= 0) {
            acquired = slots.tryAcquire();
        } else {
            try {
                acquired = slots.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                acquired = false;
            }
        }
        if (!acquired) {
            refused(SERVER_BUSY);
            throw new RateLimitedException("the server is busy; try again shortly", settings.busyRetryAfter(),
                    settings.maxConcurrentTurns(), 0, null);
        }
    }

    private void checkRates(String user, String brand, long tokens) {
        if (settings.userRequestsPerMinute() > 0) {
            require(new RateLimiter.Key(USER_RPM, user), 1,
                    RateLimiter.Rule.perMinute(settings.userRequestsPerMinute()), "too many requests; slow down");
        }
        if (brand != null && settings.brandRequestsPerMinute() > 0) {
            require(new RateLimiter.Key(BRAND_RPM, brand), 1,
                    RateLimiter.Rule.perMinute(settings.brandRequestsPerMinute()),
                    "too many requests for this brand; slow down");
        }
        // a turn larger than a whole daily budget is charged the whole budget: it passes on an unused day only
        if (settings.userTokensPerDay() > 0 && tokens > 0) {
            RateLimiter.Rule rule = RateLimiter.Rule.perDay(settings.userTokensPerDay());
            require(new RateLimiter.Key(USER_TPD, user), Math.min(tokens, rule.limit()), rule,
                    "the daily token limit is reached");
        }
        if (brand != null && settings.brandTokensPerDay() > 0 && tokens > 0) {
            RateLimiter.Rule rule = RateLimiter.Rule.perDay(settings.brandTokensPerDay());
            require(new RateLimiter.Key(BRAND_TPD, brand), Math.min(tokens, rule.limit()), rule,
                    "the brand's daily token limit is reached");
        }
    }

    private void require(RateLimiter.Key key, long cost, RateLimiter.Rule rule, String message) {
        RateLimiter.Decision decision = limiter.tryAcquire(key, cost, rule);
        if (decision instanceof RateLimiter.Refused refused) {
            Duration retry = refused.retryAfter().isNegative() || refused.retryAfter().isZero()
                    ? Duration.ofSeconds(1) : refused.retryAfter();
            refused(key.scope());
            throw new RateLimitedException(message, retry, refused.limit(), refused.remaining(), rule.window());
        }
    }

    /** One admitted turn: close it when the turn ends (idempotent). */
    public final class Permit implements AutoCloseable {
        private final String user;
        private final String brand;
        private final TurnCapacity capacity;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Permit(String user, String brand, TurnCapacity capacity) {
            this.user = user;
            this.brand = brand;
            this.capacity = capacity;
        }

        /** Adds the turn's reported output tokens to the daily budgets (user, brand); never fails the turn. */
        public void recordOutput(long outputTokens) {
            if (outputTokens <= 0) {
                return;
            }
            try {
                if (settings.userTokensPerDay() > 0) {
                    limiter.charge(new RateLimiter.Key(USER_TPD, user), outputTokens,
                            RateLimiter.Rule.perDay(settings.userTokensPerDay()));
                }
                if (brand != null && settings.brandTokensPerDay() > 0) {
                    limiter.charge(new RateLimiter.Key(BRAND_TPD, brand), outputTokens,
                            RateLimiter.Rule.perDay(settings.brandTokensPerDay()));
                }
            } catch (RuntimeException failure) {
                LOG.log(System.Logger.Level.WARNING, "could not count a turn's output tokens: {0}",
                        failure.getClass().getSimpleName());
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                try {
                    capacity.close();
                } finally {
                    slots.release();
                    users.leave(user);
                }
            }
        }
    }
}
