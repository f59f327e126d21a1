package com.chimti.ai.adapter.in.web.auth;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.Role;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Mints test JWTs for a {@link Caller}, good ones and every kind of bad one. */
public final class TestTokens {
    public static final String SECRET = "test-secret-that-is-at-least-32-bytes-long!";
    public static final String OTHER_SECRET = "another-secret-that-is-at-least-32-bytes!!";

    private TestTokens() {
    }

    public static String valid(Caller caller) {
        return hs256(SECRET, claims(caller, Duration.ofMinutes(5)).build());
    }

    public static String expired(Caller caller) {
        return hs256(SECRET, claims(caller, Duration.ofMinutes(-10)).build());
    }

    public static String wronglySigned(Caller caller) {
        return hs256(OTHER_SECRET, claims(caller, Duration.ofMinutes(5)).build());
    }

    public static String algNone(Caller caller) {
        return new PlainJWT(claims(caller, Duration.ofMinutes(5)).build()).serialize();
    }

    public static String edited(Caller caller, UnaryOperator<JWTClaimsSet.Builder> edit) {
        return hs256(SECRET, edit.apply(claims(caller, Duration.ofMinutes(5))).build());
    }

    public static JWTClaimsSet.Builder claims(Caller caller, Duration expiresIn) {
        return new JWTClaimsSet.Builder()
                .subject(caller.userId().value())
                .claim("client_id", caller.clientId().value())
                .claim("brand_ids", caller.brandIds().stream().map(BrandId::value).sorted().toList())
                .claim("location_ids", caller.locationIds().stream().map(LocationId::value).sorted().toList())
                .claim("roles", caller.roles().stream().map(Role::name).sorted().toList())
                .claim("ai_access", caller.aiAccess())
                .claim("modules", caller.modules().stream().sorted().toList())
                .issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(expiresIn)));
    }

    public static String hs256(String secret, JWTClaimsSet claims) {
        try {
            JWSSigner signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
