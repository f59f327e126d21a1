package com.chimti.ai.adapter.in.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.testing.Callers;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtCallerAuthenticatorTest {
    private final Caller caller = Callers.aCaller().roles(Role.STORE).aiAccess(true).build();
    private final JwtCallerAuthenticator hs = new JwtCallerAuthenticator(JwtSettings.hs256(TestTokens.SECRET));
    private RSAKey rsa;
    private ECKey ec;
    private HttpServer jwks;
    private String jwksUrl;

    @BeforeAll
    void serveJwks() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        byte[] keys = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString()
                .getBytes(StandardCharsets.UTF_8);
        jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.createContext("/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            exchange.getResponseBody().write(keys);
            exchange.close();
        });
        jwks.start();
        jwksUrl = "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json";
    }

    @AfterAll
    void stopJwks() {
        jwks.stop(0);
    }

    private static String sign(JWSAlgorithm alg, String keyId, com.nimbusds.jose.JWSSigner signer,
                               JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(keyId).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Test
    void mapsEveryClaimToTheCaller() {
        String token = TestTokens.edited(caller, c -> c.claim("roles", List.of("STORE", "NOT_A_ROLE"))
                .claim("brand_ids", List.of("b1", 42)));
        Caller mapped = hs.authenticate(token);
        assertThat(mapped.userId()).isEqualTo(caller.userId());
        assertThat(mapped.clientId()).isEqualTo(caller.clientId());
        assertThat(mapped.brandIds()).containsExactlyInAnyOrder(new BrandId("b1"), new BrandId("42"));
        assertThat(mapped.locationIds()).containsExactly(new LocationId("l1"));
        assertThat(mapped.roles()).containsExactly(Role.STORE);
        assertThat(mapped.aiAccess()).isTrue();
        assertThat(mapped.modules()).containsExactly("ai");
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        String token = TestTokens.edited(caller, c -> c.expirationTime(null));
        assertThatThrownBy(() -> hs.authenticate(token)).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void tokenExpiredWithinTheClockSkewIsStillAccepted() {
        String token = TestTokens.hs256(TestTokens.SECRET, TestTokens.claims(caller, Duration.ofSeconds(-20)).build());
        assertThat(hs.authenticate(token).userId()).isEqualTo(caller.userId());
    }

    @Test
    void aRememberedTokenIsRefusedOnceItsTimeIsOverAndOnlyExactVerifiedStringsAreRemembered() {
        MutableClock clock = new MutableClock(java.time.Instant.now());
        JwtCallerAuthenticator remembering = new JwtCallerAuthenticator(JwtSettings.hs256(TestTokens.SECRET), clock);
        String token = TestTokens.hs256(TestTokens.SECRET, TestTokens.claims(caller, Duration.ofMinutes(5)).build());
        assertThat(remembering.authenticate(token).userId()).isEqualTo(caller.userId());
        assertThat(remembering.authenticate(token).userId()).as("again, remembered").isEqualTo(caller.userId());

        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        assertThatThrownBy(() -> remembering.authenticate(tampered)).isInstanceOf(UnauthenticatedException.class);

        clock.advance(Duration.ofMinutes(5).plusSeconds(JwtCallerAuthenticator.CLOCK_SKEW_SECONDS + 1));
        assertThatThrownBy(() -> remembering.authenticate(token)).as("expired, though remembered")
                .isInstanceOf(UnauthenticatedException.class);
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends java.time.Clock {
        private java.time.Instant now;

        MutableClock(java.time.Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void issuerAndAudienceAreCheckedWhenConfigured() {
        JwtCallerAuthenticator strict = new JwtCallerAuthenticator(
                JwtSettings.hs256(TestTokens.SECRET).withIssuer("chimti").withAudience("ai"));
        String good = TestTokens.edited(caller, c -> c.issuer("chimti").audience("ai"));
        String wrongIssuer = TestTokens.edited(caller, c -> c.issuer("evil").audience("ai"));
        String noAudience = TestTokens.edited(caller, c -> c.issuer("chimti"));
        assertThat(strict.authenticate(good).userId()).isEqualTo(caller.userId());
        assertThatThrownBy(() -> strict.authenticate(wrongIssuer)).isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> strict.authenticate(noAudience)).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void rs256AndEs256TokensVerifyAgainstTheJwks() throws Exception {
        JwtCallerAuthenticator remote = new JwtCallerAuthenticator(JwtSettings.jwks(jwksUrl));
        JWTClaimsSet claims = TestTokens.claims(caller, Duration.ofMinutes(5)).build();
        String rs = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims);
        String es = sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), claims);
        assertThat(remote.authenticate(rs).userId()).isEqualTo(caller.userId());
        assertThat(remote.authenticate(es).userId()).isEqualTo(caller.userId());
    }

    @Test
    void hsTokenIsRefusedWhenJwksIsConfiguredEvenWithASecretToo() {
        JwtCallerAuthenticator remote =
                new JwtCallerAuthenticator(new JwtSettings(TestTokens.SECRET, jwksUrl, null, null));
        assertThatThrownBy(() -> remote.authenticate(TestTokens.valid(caller)))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> remote.authenticate(TestTokens.algNone(caller)))
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void tokenSignedByAnUnknownKeyIsRefused() throws Exception {
        JwtCallerAuthenticator remote = new JwtCallerAuthenticator(JwtSettings.jwks(jwksUrl));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        String forged = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(stranger),
                TestTokens.claims(caller, Duration.ofMinutes(5)).build());
        assertThatThrownBy(() -> remote.authenticate(forged)).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void settingsRefuseWeakOrMissingConfiguration() {
        assertThatThrownBy(() -> JwtSettings.hs256("too-short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JwtSettings(null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JwtSettings.hs256(TestTokens.SECRET).toString()).doesNotContain(TestTokens.SECRET);
    }

    /** An HS256 token over exactly this JSON payload, with {@code kid} in its header when not null. */
    private static String rawHs256(String kid, String payloadJson) throws JOSEException {
        com.nimbusds.jose.JWSObject jws = new com.nimbusds.jose.JWSObject(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(),
                new com.nimbusds.jose.Payload(payloadJson));
        jws.sign(new com.nimbusds.jose.crypto.MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)));
        return jws.serialize();
    }

    private static String payload(String sub, String clientId) {
        long exp = java.time.Instant.now().plusSeconds(300).getEpochSecond();
        return "{\"sub\":" + sub + ",\"client_id\":" + clientId + ",\"exp\":" + exp
                + ",\"ai_access\":true,\"modules\":[\"ai\"]}";
    }

    @Test
    void aCorrectlySignedHs256TokenWithAKeyIdIsAccepted() throws Exception {
        String token = sign(JWSAlgorithm.HS256, "host-key-2026-03",
                new com.nimbusds.jose.crypto.MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8)),
                TestTokens.claims(caller, Duration.ofMinutes(5)).build());
        assertThat(hs.authenticate(token).userId()).isEqualTo(caller.userId());
        // the kid does not make a wrongly signed token pass
        String forged = sign(JWSAlgorithm.HS256, "host-key-2026-03",
                new com.nimbusds.jose.crypto.MACSigner(TestTokens.OTHER_SECRET.getBytes(StandardCharsets.UTF_8)),
                TestTokens.claims(caller, Duration.ofMinutes(5)).build());
        assertThatThrownBy(() -> hs.authenticate(forged)).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void aConfiguredKeyIdMustBeTheTokensKeyId() throws Exception {
        JwtCallerAuthenticator pinned = new JwtCallerAuthenticator(
                JwtSettings.hs256(TestTokens.SECRET).withKeyId("k2"));
        com.nimbusds.jose.crypto.MACSigner signer =
                new com.nimbusds.jose.crypto.MACSigner(TestTokens.SECRET.getBytes(StandardCharsets.UTF_8));
        JWTClaimsSet claims = TestTokens.claims(caller, Duration.ofMinutes(5)).build();
        assertThat(pinned.authenticate(sign(JWSAlgorithm.HS256, "k2", signer, claims)).userId())
                .isEqualTo(caller.userId());
        assertThatThrownBy(() -> pinned.authenticate(sign(JWSAlgorithm.HS256, "k1", signer, claims)))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> pinned.authenticate(TestTokens.valid(caller)))
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void inJwksModeTheKeyIdSelectsTheKeyAndAConfiguredOneMustMatch() throws Exception {
        JwtCallerAuthenticator remote = new JwtCallerAuthenticator(JwtSettings.jwks(jwksUrl));
        JWTClaimsSet claims = TestTokens.claims(caller, Duration.ofMinutes(5)).build();
        // signed by the RSA key but naming the EC key's id: no RSA key with that id, refused
        String misnamed = sign(JWSAlgorithm.RS256, "ec-1", new RSASSASigner(rsa), claims);
        assertThatThrownBy(() -> remote.authenticate(misnamed)).isInstanceOf(UnauthenticatedException.class);
        String unknownKid = sign(JWSAlgorithm.RS256, "rsa-9", new RSASSASigner(rsa), claims);
        assertThatThrownBy(() -> remote.authenticate(unknownKid)).isInstanceOf(UnauthenticatedException.class);

        JwtCallerAuthenticator pinned = new JwtCallerAuthenticator(JwtSettings.jwks(jwksUrl).withKeyId("ec-1"));
        assertThat(pinned.authenticate(sign(JWSAlgorithm.ES256, "ec-1", new ECDSASigner(ec), claims)).userId())
                .isEqualTo(caller.userId());
        String rs = sign(JWSAlgorithm.RS256, "rsa-1", new RSASSASigner(rsa), claims);
        assertThat(remote.authenticate(rs).userId()).isEqualTo(caller.userId());
        assertThatThrownBy(() -> pinned.authenticate(rs)).isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void subAndClientIdMustBeJsonStrings() throws Exception {
        assertThat(hs.authenticate(rawHs256(null, payload("\"u1\"", "\"c1\""))).clientId().value())
                .isEqualTo("c1");
        // before: 1e19 became client 9223372036854775807
        assertThatThrownBy(() -> hs.authenticate(rawHs256(null, payload("\"u1\"", "1e19"))))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> hs.authenticate(rawHs256(null, payload("\"u1\"", "7"))))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> hs.authenticate(rawHs256(null, payload("12345", "\"c1\""))))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> hs.authenticate(rawHs256(null, payload("\"u1\"", "[\"c1\"]"))))
                .isInstanceOf(UnauthenticatedException.class);
        assertThatThrownBy(() -> hs.authenticate(rawHs256(null, payload("\"u1\"", "true"))))
                .isInstanceOf(UnauthenticatedException.class);
    }

    @Test
    void numericIdsInListsMustBeExactIntegers() throws Exception {
        String folded = TestTokens.edited(caller, c -> c.claim("brand_ids", List.of(1e19)));
        assertThatThrownBy(() -> hs.authenticate(folded)).isInstanceOf(UnauthenticatedException.class);
        String fraction = TestTokens.edited(caller, c -> c.claim("brand_ids", List.of(4.2)));
        assertThatThrownBy(() -> hs.authenticate(fraction)).isInstanceOf(UnauthenticatedException.class);
    }
}
