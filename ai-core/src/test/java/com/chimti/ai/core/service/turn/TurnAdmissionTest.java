package com.chimti.ai.core.service.turn;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.ProfileLocks;
import com.chimti.ai.core.port.out.RateLimiter;
import com.chimti.ai.core.testing.FakeProvider;
import com.chimti.ai.core.testing.InMemoryRateLimiter;
import com.chimti.ai.core.testing.ReservingProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TurnAdmissionTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:15Z");
    private static final BrandId B1 = new BrandId("b1");
    private static final BrandId B2 = new BrandId("b2");

    private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(Clock.fixed(T0, ZoneOffset.UTC));
    private final Caller alice = aCaller().user("alice").build();
    private final Caller bob = aCaller().user("bob").build();

    private static AdmissionSettings limits(long userRpm, long brandRpm, long tokensPerDay, int perUser,
                                            int global, Duration queueWait) {
        return new AdmissionSettings(userRpm, brandRpm, tokensPerDay, 0, perUser, global, queueWait,
                Duration.ofSeconds(5));
    }

    private static void pass(TurnAdmission admission, Caller caller, BrandId brand, long tokens) {
        admission.admit(caller, brand, tokens).close();
    }

    private static RateLimitedException refusal(TurnAdmission admission, Caller caller, BrandId brand, long tokens) {
        return catchThrowableOfType(RateLimitedException.class, () -> admission.admit(caller, brand, tokens));
    }

    @Test
    void theUsersRequestsPerMinuteRefuseAtTheConfiguredCountWithRetryAfterUntilOneRequestHasRefilled() {
        TurnAdmission admission = new TurnAdmission(limiter, limits(3, 0, 0, 4, 4, Duration.ZERO));
        for (int i = 0; i < 3; i++) {
            pass(admission, alice, null, 10);
        }
        RateLimitedException refused = refusal(admission, alice, null, 10);

        assertThat(refused).isNotNull();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20)); // 3 per minute: one every 20 s
        assertThat(refused.limit()).hasValue(3);
        assertThat(refused.remaining()).hasValue(0);
        assertThat(refused.window()).contains(Duration.ofMinutes(1));
        assertThat(admission.running()).isZero();

        limiter.useClock(Clock.fixed(T0.plusSeconds(19), ZoneOffset.UTC)); // not yet a whole token back
        assertThat(refusal(admission, alice, null, 10).retryAfter()).isEqualTo(Duration.ofSeconds(1));
        limiter.useClock(Clock.fixed(T0.plusSeconds(20), ZoneOffset.UTC)); // one request has refilled
        pass(admission, alice, null, 10);
        assertThat(refusal(admission, alice, null, 10)).isNotNull();
    }

    @Test
    void usersAndBrandsAreCountedSeparately() {
        TurnAdmission admission = new TurnAdmission(limiter, limits(2, 3, 0, 4, 4, Duration.ZERO));
        Caller carol = aCaller().user("carol").build();
        pass(admission, alice, B1, 1);
        pass(admission, alice, B1, 1);
        // alice's own 2 are used, whatever the brand
        assertThat(refusal(admission, alice, B2, 1)).hasMessageNotContaining("brand")
                .satisfies(e -> assertThat(e.limit()).hasValue(2));
        pass(admission, bob, B1, 1); // bob has his own budget; b1 has now seen 3 of its 3
        pass(admission, bob, B2, 1); // another brand is not held back by b1's limit
        assertThat(refusal(admission, carol, B1, 1)).hasMessageContaining("brand")
                .satisfies(e -> assertThat(e.limit()).hasValue(3));
        pass(admission, carol, null, 1); // brand-less calls (one-shot) only count against the user
        // the same brand id in another client is another brand
        pass(admission, aCaller().client("c2").user("alice").build(), B1, 1);
    }

    @Test
    void tokensPerDayChargeTheEstimatedInputUpFrontAndTheOutputAfterwards() {
        TurnAdmission admission = new TurnAdmission(limiter, limits(0, 0, 100, 4, 4, Duration.ZERO));
        pass(admission, alice, null, 40);
        try (TurnAdmission.Permit permit = admission.admit(alice, null, 40)) {
            permit.recordOutput(30); // 110 of 100 now
        }
        RateLimitedException refused = refusal(admission, alice, null, 1);
        assertThat(refused).hasMessageContaining("daily token limit");
        assertThat(refused.window()).contains(Duration.ofDays(1));
        // 10 below zero: 11 tokens to refill at 100 a day, 864 s each
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(11 * 864));
        pass(admission, bob, null, 99); // per user
        // one turn bigger than the whole budget still passes on an unused day (charged the whole budget)
        pass(admission, aCaller().user("carol").build(), null, 5_000);
        assertThat(refusal(admission, aCaller().user("carol").build(), null, 1)).isNotNull();
    }

    @Test
    void aBrandsDailyTokensAreSharedByItsUsers() {
        TurnAdmission admission = new TurnAdmission(limiter, new AdmissionSettings(0, 0, 0, 100, 4, 4,
                Duration.ZERO, Duration.ofSeconds(5)));
        try (TurnAdmission.Permit permit = admission.admit(alice, B1, 40)) {
            permit.recordOutput(20); // b1: 60 of 100
        }
        RateLimitedException refused = refusal(admission, bob, B1, 50);
        assertThat(refused).hasMessageContaining("brand's daily token limit");
        assertThat(refused.remaining()).hasValue(40);
        pass(admission, bob, B1, 40);
        pass(admission, bob, B2, 50);  // another brand
        pass(admission, bob, null, 500); // no brand, no user limit configured
    }

    @Test
    void oneTurnPerUserAtATimeByDefault() {
        TurnAdmission admission = new TurnAdmission(limiter, limits(0, 0, 0, 1, 8, Duration.ZERO));
        TurnAdmission.Permit first = admission.admit(alice, B1, 1);
        RateLimitedException refused = refusal(admission, alice, B2, 1);
        assertThat(refused).hasMessageContaining("already running");
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(5));
        assertThat(refused.limit()).hasValue(1);
        assertThat(refused.window()).isEmpty();
        pass(admission, bob, B1, 1); // others are not affected
        assertThat(admission.running()).isEqualTo(1);

        first.close();
        first.close(); // idempotent: does not free a second slot
        assertThat(admission.running()).isZero();
        pass(admission, alice, B1, 1);
    }

    @Test
    void theGlobalCapRefusesTheTurnBeyondIt() {
        TurnAdmission admission = new TurnAdmission(limiter, limits(0, 0, 0, 4, 2, Duration.ZERO));
        TurnAdmission.Permit a = admission.admit(alice, null, 1);
        TurnAdmission.Permit b = admission.admit(bob, null, 1);
        RateLimitedException refused = refusal(admission, aCaller().user("carol").build(), null, 1);
        assertThat(refused).hasMessageContaining("busy");
        assertThat(refused.limit()).hasValue(2);
        // a refused turn frees what it took: alice may still run a second turn once a slot is back
        a.close();
        admission.admit(alice, null, 1).close();
        b.close();
        assertThat(admission.running()).isZero();
    }

    @Test
    void aTurnWaitsBrieflyInTheQueueForAFreeSlotThenIsRefused() throws Exception {
        TurnAdmission admission = new TurnAdmission(limiter, limits(0, 0, 0, 4, 1, Duration.ofMillis(2_000)));
        TurnAdmission.Permit held = admission.admit(alice, null, 1);
        CompletableFuture<TurnAdmission.Permit> waiting =
                CompletableFuture.supplyAsync(() -> admission.admit(bob, null, 1));
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        held.close();
        waiting.get(5, TimeUnit.SECONDS).close();

        TurnAdmission shortQueue = new TurnAdmission(limiter, limits(0, 0, 0, 4, 1, Duration.ofMillis(150)));
        TurnAdmission.Permit busy = shortQueue.admit(alice, null, 1);
        long start = System.nanoTime();
        assertThat(refusal(shortQueue, bob, null, 1)).hasMessageContaining("busy");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
        busy.close();
    }

    @Test
    void aRefusedRateDoesNotKeepTheConcurrencySlots() {
        TurnAdmission admission = new TurnAdmission(limiter, limits(1, 0, 0, 1, 1, Duration.ZERO));
        pass(admission, alice, null, 1);
        assertThat(refusal(admission, alice, null, 1)).hasMessageContaining("too many requests");
        assertThat(admission.running()).isZero();
        pass(admission, bob, null, 1); // the one global slot is free
    }

    @Test
    void theProvidersReservationIsTakenLastAndGivenBackWithThePermitOrTheRefusal() {
        TurnAdmission admission = new TurnAdmission(limiter, limits(0, 0, 0, 1, 4, Duration.ZERO));
        ReservingProvider provider = new ReservingProvider(new FakeProvider());

        TurnAdmission.Permit permit = admission.admit(alice, B1, 1, provider);
        assertThat(provider.open()).isEqualTo(1);
        assertThatThrownBy(() -> admission.admit(alice, B1, 1, provider)).as("refused before the provider is asked")
                .hasMessageContaining("already running");
        assertThat(provider.reservations()).isEqualTo(1);
        permit.close();
        permit.close();
        assertThat(provider.open()).isZero();

        provider.full(true);
        assertThatThrownBy(() -> admission.admit(bob, null, 1, provider)).hasMessageContaining("Codex processes");
        assertThat(admission.running()).isZero();
        provider.full(false);
        admission.admit(bob, null, 1, provider).close(); // bob's turn count is back
        assertThat(provider.open()).isZero();
    }

    @Test
    void unlimitedAdmitsEverythingAndSettingsAreChecked() {
        TurnAdmission admission = new TurnAdmission(limiter, AdmissionSettings.UNLIMITED);
        for (int i = 0; i < 100; i++) {
            admission.admit(alice, B1, 1_000_000);
        }
        assertThat(admission.running()).isEqualTo(100);
        assertThatThrownBy(() -> limits(-1, 0, 0, 1, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limits(0, 0, 0, 0, 1, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter.Rule(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(RateLimiter.Rule.perMinute(60).policy()).isEqualTo("60;w=60");
    }

    @Test
    void everyRefusalIsReportedWithItsKind() {
        java.util.List<String> kinds = new java.util.concurrent.CopyOnWriteArrayList<>();
        TurnAdmission admission = new TurnAdmission(limiter, limits(2, 1, 0, 1, 4, Duration.ZERO),
                ProfileLocks.SINGLE_INSTANCE, kinds::add);

        try (TurnAdmission.Permit running = admission.admit(alice, B1, 1)) {
            assertThat(refusal(admission, alice, B2, 1)).isNotNull(); // alice already runs a turn
        }
        assertThat(refusal(admission, bob, B1, 1)).isNotNull(); // b1 saw its 1 request
        pass(admission, alice, null, 1);
        assertThat(refusal(admission, alice, null, 1)).isNotNull(); // alice's 2 per minute are used
        pass(admission, bob, null, 1);

        assertThat(kinds).containsExactly(TurnAdmission.USER_TURNS, "brand-rpm", "user-rpm");
    }

    @Test
    void aFullServerIsReportedAsBusy() {
        java.util.List<String> kinds = new java.util.concurrent.CopyOnWriteArrayList<>();
        TurnAdmission admission = new TurnAdmission(limiter, limits(0, 0, 0, 4, 1, Duration.ZERO),
                ProfileLocks.SINGLE_INSTANCE, kind -> {
                    kinds.add(kind);
                    throw new IllegalStateException("a broken listener changes nothing");
                });
        try (TurnAdmission.Permit running = admission.admit(alice, null, 1)) {
            assertThat(refusal(admission, bob, null, 1)).isNotNull();
        }
        assertThat(kinds).containsExactly(TurnAdmission.SERVER_BUSY);
    }
}
