package com.chimti.ai.adapter.in.web.auth;

import java.nio.charset.StandardCharsets;

/**
 * How bearer tokens are verified: with {@code hs256Secret} (shared secret, at least 32 bytes), or with
 * {@code jwksUrl} (RS256/ES256 keys of the host app) instead. When a JWKS URL is set it is the only mode, so an
 * HS256 token never passes there even if a secret is configured too. {@code issuer} and {@code audience} are
 * checked when set. {@code keyId}, when set, is the only {@code kid} a token may name (and it must name one);
 * unset, any {@code kid} is accepted in HS256 mode, and in JWKS mode the {@code kid} picks the key.
 */
public record JwtSettings(String hs256Secret, String jwksUrl, String issuer, String audience, String keyId) {
    public static final int MIN_SECRET_BYTES = 32;

    public JwtSettings {
        // the secret is used byte for byte, so it is never trimmed
        hs256Secret = hs256Secret == null || hs256Secret.isBlank() ? null : hs256Secret;
        jwksUrl = blankToNull(jwksUrl);
        issuer = blankToNull(issuer);
        audience = blankToNull(audience);
        keyId = blankToNull(keyId);
        if (hs256Secret == null && jwksUrl == null) {
            throw new IllegalArgumentException("configure hs256Secret or jwksUrl");
        }
        if (hs256Secret != null && hs256Secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("hs256Secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
    }

    public JwtSettings(String hs256Secret, String jwksUrl, String issuer, String audience) {
        this(hs256Secret, jwksUrl, issuer, audience, null);
    }

    /** True when tokens are verified with the JWKS (RS256/ES256 only); false for HS256 with the secret. */
    public boolean usesJwks() {
        return jwksUrl != null;
    }

    public static JwtSettings hs256(String secret) {
        return new JwtSettings(secret, null, null, null);
    }

    public static JwtSettings jwks(String url) {
        return new JwtSettings(null, url, null, null);
    }

    public JwtSettings withIssuer(String newIssuer) {
        return new JwtSettings(hs256Secret, jwksUrl, newIssuer, audience, keyId);
    }

    public JwtSettings withAudience(String newAudience) {
        return new JwtSettings(hs256Secret, jwksUrl, issuer, newAudience, keyId);
    }

    /** Tokens must name this {@code kid} in their header. */
    public JwtSettings withKeyId(String newKeyId) {
        return new JwtSettings(hs256Secret, jwksUrl, issuer, audience, newKeyId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "JwtSettings[hs256Secret=" + (hs256Secret == null ? "null" : "***") + ", jwksUrl=" + jwksUrl
                + ", issuer=" + issuer + ", audience=" + audience + ", keyId=" + keyId + "]";
    }
}
