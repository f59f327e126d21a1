package com.chimti.ai.adapter.in.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.chimti.ai.core.domain.turn.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthFailureThrottleTest {
    private final MovingClock clock = new MovingClock();
    private final AuthFailureThrottle throttle = new AuthFailureThrottle(
            new AuthThrottleSettings(3, Duration.ofMinutes(1), 100), clock);

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address);
        }
    }

    private boolean blocked(String address) {
        return catchThrowableOfType(RateLimitedException.class, () -> throttle.requireNotBlocked(address)) != null;
    }

    @Test
    void theFailurePastTheLimitBlocksTheAddressForOneWindowWithRetryAfter() {
        fail("10.0.0.1", 3);
        assertThat(blocked("10.0.0.1")).as("3 failures are allowed").isFalse();
        throttle.failed("10.0.0.1");

        RateLimitedException refused = catchThrowableOfType(RateLimitedException.class,
                () -> throttle.requireNotBlocked("10.0.0.1"));
        assertThat(refused).isNotNull();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        assertThat(refused.limit()).isEmpty(); // a Retry-After only: no RateLimit header about requests
        assertThat(blocked("10.0.0.2")).as("another address is not affected").isFalse();

        clock.advance(Duration.ofSeconds(59));
        assertThat(catchThrowableOfType(RateLimitedException.class, () -> throttle.requireNotBlocked("10.0.0.1"))
                .retryAfter()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(blocked("10.0.0.1")).as("the block ends with its window").isFalse();
        fail("10.0.0.1", 3);
        assertThat(blocked("10.0.0.1")).as("counting started afresh after the block").isFalse();
    }

    @Test
    void failuresSpreadOverMoreThanAWindowDoNotAddUp() {
        fail("10.0.0.1", 3);
        clock.advance(Duration.ofMinutes(1));
        fail("10.0.0.1", 3);
        assertThat(blocked("10.0.0.1")).isFalse();
        throttle.failed("10.0.0.1");
        assertThat(blocked("10.0.0.1")).isTrue();
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentlySeenAddresses() {
        AuthFailureThrottle small = new AuthFailureThrottle(new AuthThrottleSettings(1, Duration.ofMinutes(1), 10),
                clock);
        small.failed("10.0.0.1");
        small.failed("10.0.0.1"); // blocked
        for (int i = 0; i < 1_000; i++) {
            small.failed("10.1." + (i / 250) + "." + (i % 250));
            assertThat(small.remembered()).isLessThanOrEqualTo(10);
        }
        assertThat(catchThrowableOfType(RateLimitedException.class, () -> small.requireNotBlocked("10.0.0.1")))
                .as("forgotten: at worst a block ends early").isNull();
    }

    @Test
    void ipv6AddressesCountByTheirSlash64AndIpv4MappedOnesAsIpv4() {
        fail("2001:db8:1:2::a", 2);
        fail("[2001:db8:1:2:ffff::b]", 2); // same /64
        assertThat(blocked("2001:db8:1:2::c")).isTrue();
        assertThat(blocked("2001:db8:1:3::a")).as("another /64").isFalse();
        assertThat(AuthFailureThrottle.key("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(AuthFailureThrottle.key("2001:db8:1:2::a")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AuthFailureThrottle.key(null)).isEqualTo("unknown");
    }

    @Test
    void zeroTurnsItOffAndSettingsAreChecked() {
        AuthFailureThrottle off = new AuthFailureThrottle(AuthThrottleSettings.perMinute(0), clock);
        for (int i = 0; i < 100; i++) {
            off.failed("10.0.0.1");
        }
        off.requireNotBlocked("10.0.0.1");
        assertThat(off.remembered()).isZero();
        assertThatThrownBy(() -> AuthThrottleSettings.perMinute(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthThrottleSettings(1, Duration.ZERO, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AuthThrottleSettings(1, Duration.ofMinutes(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
