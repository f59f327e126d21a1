package com.chimti.ai.adapter.in.web.auth;

import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the host app's JWTs with nimbus: HS256 with a shared secret, or RS256/ES256 with keys from a JWKS URL
 * (cached and rate-limited by nimbus). Algorithms are pinned per mode, so {@code alg:none} and HS tokens in
 * JWKS mode are refused. {@code exp} is required (60 s clock skew); {@code iss}/{@code aud} when configured.
 *
 * <p>A client sends the same token with every request, and parsing plus a signature check is the largest part
 * of a cheap request's cost. So a token that passed every check is remembered with its caller until its
 * {@code exp} (plus the skew): the same string again skips the work, a token past its time is checked afresh
 * (and refused). Only exact strings that verified are kept, at most {@value #MAX_REMEMBERED} of them.
 */
public final class JwtCallerAuthenticator implements CallerAuthenticator {
    static final int CLOCK_SKEW_SECONDS = 60;
    static final int MAX_REMEMBERED = 10_000;
    private static final Set<String> REQUIRED_CLAIMS = Set.of("sub", "exp", "client_id");

    private record Verified(Caller caller, Instant usableUntil) {
    }

    private final ConfigurableJWTProcessor<SecurityContext> processor;
    private final Clock clock;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    public JwtCallerAuthenticator(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** @param clock the time {@code exp}, {@code nbf} and the remembered tokens are checked against */
    JwtCallerAuthenticator(JwtSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
        // one pinned algorithm set per mode: alg:none, and HS256 in JWKS mode, find no key and are refused
        JWSKeySelector<SecurityContext> keys = settings.usesJwks()
                ? new JWSVerificationKeySelector<>(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256),
                        remoteKeys(settings.jwksUrl()))
                : hs256Key(settings.hs256Secret());
        jwt.setJWSKeySelector(keyIdChecked(settings.keyId(), keys));
        JWTClaimsSet exact = settings.issuer() == null ? new JWTClaimsSet.Builder().build()
                : new JWTClaimsSet.Builder().issuer(settings.issuer()).build();
        Set<String> audiences = settings.audience() == null ? null : Set.of(settings.audience());
        DefaultJWTClaimsVerifier<SecurityContext> claims =
                new DefaultJWTClaimsVerifier<>(audiences, exact, REQUIRED_CLAIMS, null) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(clock.instant());
                    }
                };
        claims.setMaxClockSkew(CLOCK_SKEW_SECONDS);
        jwt.setJWTClaimsSetVerifier(claims);
        this.processor = jwt;
    }

    /**
     * The one shared secret, whatever {@code kid} the header names: host apps that rotate keys add one, and
     * nimbus' JWK matching would look for a secret with that id and refuse the token.
     */
    private static JWSKeySelector<SecurityContext> hs256Key(String secret) {
        SecretKey key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        return (header, context) -> JWSAlgorithm.HS256.equals(header.getAlgorithm()) ? List.of(key) : List.of();
    }

    /** With a configured key id, a token must name exactly it; without, the selector decides. */
    private static JWSKeySelector<SecurityContext> keyIdChecked(String keyId, JWSKeySelector<SecurityContext> keys) {
        if (keyId == null) {
            return keys;
        }
        return (header, context) -> keyId.equals(header.getKeyID()) ? keys.selectJWSKeys(header, context)
                : List.<Key>of();
    }

    private static JWKSource<SecurityContext> remoteKeys(String jwksUrl) {
        try {
            URI uri = URI.create(jwksUrl);
            if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("jwksUrl must be an http(s) URL");
            }
            URL url = uri.toURL();
            return JWKSourceBuilder.<SecurityContext>create(url).retrying(true).build();
        } catch (IllegalArgumentException | MalformedURLException bad) {
            throw new IllegalArgumentException("jwksUrl is not a valid http(s) URL");
        }
    }

    @Override
    public Caller authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new UnauthenticatedException("no token");
        }
        Instant now = clock.instant();
        Verified known = verified.get(bearerToken);
        if (known != null) {
            if (now.isBefore(known.usableUntil())) {
                return known.caller();
            }
            verified.remove(bearerToken);
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken, null);
        } catch (ParseException | BadJOSEException | JOSEException refused) {
            throw new UnauthenticatedException("token refused: " + refused.getMessage());
        }
        Caller caller;
        try {
            caller = toCaller(claims, rawPayload(bearerToken));
        } catch (ValidationException | NullPointerException | ClassCastException bad) {
            throw new UnauthenticatedException("token claims are not usable");
        }
        remember(bearerToken, caller, claims.getExpirationTime().toInstant().plusSeconds(CLOCK_SKEW_SECONDS));
        return caller;
    }

    private void remember(String token, Caller caller, Instant usableUntil) {
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear(); // crude but bounded: a flood of distinct tokens only costs the verification again
        }
        verified.put(token, new Verified(caller, usableUntil));
    }

    /** The verified token's claims as sent: nimbus turns a numeric {@code sub} into a string. */
    private static Map<String, Object> rawPayload(String verifiedToken) {
        try {
            return JWSObject.parse(verifiedToken).getPayload().toJSONObject();
        } catch (ParseException unreachable) {
            throw new ValidationException("token payload is not a JSON object");
        }
    }

    private static Caller toCaller(JWTClaimsSet claims, Map<String, Object> raw) {
        Set<Role> roles = strings(claims.getClaim("roles")).stream()
                .map(Role::parse).flatMap(Optional::stream).collect(Collectors.toSet());
        return new Caller(
                new UserId(jsonString(raw.get("sub"))),
                new ClientId(jsonString(raw.get("client_id"))),
                ids(claims.getClaim("brand_ids"), BrandId::new),
                ids(claims.getClaim("location_ids"), LocationId::new),
                roles,
                isTrue(claims.getClaim("ai_access")),
                Set.copyOf(strings(claims.getClaim("modules"))));
    }

    /** The identity claims are JSON strings only: a number would be rounded or folded into another id. */
    private static String jsonString(Object claim) {
        if (claim instanceof String text) {
            return text;
        }
        throw new ValidationException("identity claim is not a string");
    }

    private static <T> Set<T> ids(Object claim, Function<String, T> factory) {
        return strings(claim).stream().map(factory).collect(Collectors.toSet());
    }

    /** Host apps send ids as strings or numbers; both become strings. A missing claim is an empty list. */
    private static List<String> strings(Object claim) {
        if (claim == null) {
            return List.of();
        }
        if (claim instanceof Collection<?> values) {
            return values.stream().filter(Objects::nonNull).map(JwtCallerAuthenticator::text).toList();
        }
        return List.of(text(claim));
    }

    /** Exact integers only (42, not 4.2 or 1e19 folded to Long.MAX_VALUE); anything else is not an id. */
    private static String text(Object value) {
        if (value instanceof Number number) {
            try {
                BigInteger exact = new BigDecimal(number.toString()).toBigIntegerExact();
                if (exact.bitLength() < Long.SIZE) {
                    return exact.toString();
                }
            } catch (ArithmeticException | NumberFormatException notAnInteger) {
                // falls through to the refusal
            }
            throw new ValidationException("id claim is not an exact integer");
        }
        return value == null ? null : value.toString();
    }

    private static boolean isTrue(Object claim) {
        return Boolean.TRUE.equals(claim) || "true".equals(claim);
    }
}
