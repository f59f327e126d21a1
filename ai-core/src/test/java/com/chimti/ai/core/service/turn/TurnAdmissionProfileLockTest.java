package com.chimti.ai.core.service.turn;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.ProfileLocks;
import com.chimti.ai.core.testing.InMemoryRateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cross-instance lock per user that {@link TurnAdmission} takes for a user's running turns. */
class TurnAdmissionProfileLockTest {
    private final Caller alice = aCaller().user("alice").build();
    private final Caller bob = aCaller().user("bob").build();
    private final SharedLocks shared = new SharedLocks();

    /** Two instances' admissions on one lock store, allowing two turns per user in each. */
    private TurnAdmission instance() {
        return new TurnAdmission(new InMemoryRateLimiter(Clock.systemUTC()),
                new AdmissionSettings(0, 0, 0, 0, 2, 8, Duration.ZERO, Duration.ofSeconds(3)), shared);
    }

    @Test
    void aUsersTurnOnOneInstanceRefusesTheirTurnsOnAnotherUntilItEnds() {
        TurnAdmission a = instance();
        TurnAdmission b = instance();

        TurnAdmission.Permit running = a.admit(alice, null, 1);

        assertThatThrownBy(() -> b.admit(alice, null, 1)).isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("another server")
                .satisfies(e -> assertThat(((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(3)));
        assertThat(b.running()).as("the refusal holds no slot").isZero();
        b.admit(bob, null, 1).close(); // other users are not held up

        running.close();
        b.admit(alice, null, 1).close();
        assertThat(shared.held).isEmpty();
    }

    @Test
    void theTurnsOfOneInstanceShareOneHoldReleasedByTheLast() {
        TurnAdmission a = instance();
        TurnAdmission b = instance();

        TurnAdmission.Permit first = a.admit(alice, null, 1);
        TurnAdmission.Permit second = a.admit(alice, null, 1);
        assertThat(shared.taken).as("taken once for both turns").hasSize(1);

        first.close();
        first.close(); // idempotent
        assertThatThrownBy(() -> b.admit(alice, null, 1)).isInstanceOf(RateLimitedException.class);
        second.close();
        assertThat(shared.held).isEmpty();
        b.admit(alice, null, 1).close();
    }

    @Test
    void anUnreachableLockStoreFailsTheTurnAndLeavesNothingHeld() {
        TurnAdmission a = new TurnAdmission(new InMemoryRateLimiter(Clock.systemUTC()),
                new AdmissionSettings(0, 0, 0, 0, 1, 8, Duration.ZERO, Duration.ofSeconds(3)), key -> {
                    throw new IllegalStateException("database down");
                });

        assertThatThrownBy(() -> a.admit(alice, null, 1)).hasMessage("database down");
        assertThat(a.running()).isZero();
        assertThatThrownBy(() -> a.admit(alice, null, 1)).as("not refused as a running turn")
                .hasMessage("database down");
    }

    /** Like PostgreSQL's advisory locks: one holder per key, whichever instance asks. */
    private static final class SharedLocks implements ProfileLocks {
        final Set<String> held = new HashSet<>();
        final List<String> taken = new ArrayList<>();

        @Override
        public synchronized Optional<Lock> tryLock(String key) {
            if (!held.add(key)) {
                return Optional.empty();
            }
            taken.add(key);
            return Optional.of(() -> {
                synchronized (this) {
                    held.remove(key);
                }
            });
        }
    }
}
