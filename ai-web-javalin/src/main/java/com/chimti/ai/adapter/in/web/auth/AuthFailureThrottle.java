package com.chimti.ai.adapter.in.web.auth;

import com.chimti.ai.core.domain.turn.RateLimitedException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down token guessing: counts failed token checks per client address, and once an address has more than
 * {@link AuthThrottleSettings#maxFailures()} within a window, refuses its requests with 429 (Retry-After) for one
 * window without checking their tokens. A failure count starts with the address's first failure and lasts one
 * window; successful requests change no count (an attacker holding one valid token cannot reset its own).
 *
 * <p>The address is the connection's remote address; forwarding headers are not trusted, so behind a reverse
 * proxy every client shares the proxy's address (configure the proxy's own limits there, or turn this off).
 * IPv6 addresses count by their /64 prefix, the block one host usually controls. Kept per server instance, in a
 * bounded least-recently-used map, so an attacker cannot grow memory; with more distinct addresses than the
 * bound the oldest are forgotten, which at worst lifts their blocks early.
 */
public final class AuthFailureThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailureThrottle.class);

    private final AuthThrottleSettings settings;
    private final Clock clock;
    private final Map<String, Failures> byAddress;
    private volatile long latestBlockEnd; // written under byAddress: the end of the last block handed out

    public AuthFailureThrottle(AuthThrottleSettings settings) {
        this(settings, Clock.systemUTC());
    }

    AuthFailureThrottle(AuthThrottleSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        int bound = settings.maxAddresses();
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > bound;
            }
        };
    }

    /** Throws {@link RateLimitedException} while {@code remoteAddress} is blocked. */
    void requireNotBlocked(String remoteAddress) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.millis();
        if (now >= latestBlockEnd) {
            return; // no address is blocked: no lock, no lookup on the usual path
        }
        long blockedUntil;
        synchronized (byAddress) {
            Failures failures = byAddress.get(key(remoteAddress));
            blockedUntil = failures == null ? 0 : failures.blockedUntil;
        }
        if (blockedUntil > now) {
            throw new RateLimitedException("too many failed authentications from your address; try again later",
                    Duration.ofMillis(blockedUntil - now));
        }
    }

    /** Counts one failed token check of {@code remoteAddress}; the one past the limit blocks it for a window. */
    void failed(String remoteAddress) {
        if (!settings.enabled()) {
            return;
        }
        long now = clock.millis();
        long windowMs = settings.window().toMillis();
        String key = key(remoteAddress);
        boolean blocked = false;
        synchronized (byAddress) {
            Failures failures = byAddress.computeIfAbsent(key, k -> new Failures(now));
            if (now - failures.windowStart >= windowMs) {
                failures.windowStart = now;
                failures.count = 0;
            }
            failures.count++;
            if (failures.count > settings.maxFailures()) {
                failures.blockedUntil = now + windowMs;
                latestBlockEnd = Math.max(latestBlockEnd, failures.blockedUntil);
                failures.windowStart = failures.blockedUntil; // counting starts afresh after the block
                failures.count = 0;
                blocked = true;
            }
        }
        if (blocked) {
            LOG.warn("More than {} failed authentications from {} within {}; refusing its requests for {}",
                    settings.maxFailures(), key, settings.window(), settings.window());
        }
    }

    /** Addresses currently remembered (for tests of the bound). */
    int remembered() {
        synchronized (byAddress) {
            return byAddress.size();
        }
    }

    /** The counted unit: the address itself, or an IPv6 address's /64 prefix. */
    static String key(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isBlank()) {
            return "unknown";
        }
        String literal = remoteAddress.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        if (literal.indexOf(':') < 0) {
            return literal; // IPv4
        }
        try {
            // an IPv6 literal: parsed without any lookup (a name would contain no ':')
            InetAddress address = InetAddress.getByName(literal);
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return address.getHostAddress(); // an IPv4-mapped address comes back as IPv4
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return literal;
        }
    }

    private static final class Failures {
        long windowStart;
        int count;
        long blockedUntil;

        Failures(long windowStart) {
            this.windowStart = windowStart;
        }
    }
}
