package com.chimti.ai.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Signs HS256 tokens carrying the contract's claims, for development and for operators' smoke tests. */
public final class TokenMinter {
    private final byte[] secret;
    private final String issuer;
    private final String audience;

    public TokenMinter(String secret, String issuer, String audience) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.audience = audience;
    }

    public record Claims(String userId, String clientId, List<String> brandIds, List<String> locationIds,
                         List<String> roles, boolean aiAccess, List<String> modules, Duration ttl) {
        /** A brand admin of client demo-client with brands demo-brand and AI enabled: what dev mode prints. */
        public static Claims developer() {
            return new Claims("dev-user", "demo-client", List.of("demo-brand"), List.of("demo-location"),
                    List.of("BRAND_ADMIN"), false, List.of("ai"), Duration.ofDays(30));
        }
    }

    public String mint(Claims claims) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder body = new JWTClaimsSet.Builder()
                .subject(claims.userId())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(claims.ttl())))
                .claim("client_id", claims.clientId())
                .claim("brand_ids", claims.brandIds())
                .claim("location_ids", claims.locationIds())
                .claim("roles", claims.roles())
                .claim("ai_access", claims.aiAccess())
                .claim("modules", claims.modules());
        if (issuer != null) {
            body.issuer(issuer);
        }
        if (audience != null) {
            body.audience(audience);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), body.build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the token: " + e.getMessage(), e);
        }
    }
}
