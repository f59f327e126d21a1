package com.chimti.ai.app.wiring;

/**
 * Secrets resolved before wiring: the HS256 secret (null when only a JWKS verifies tokens) and the key of
 * the profile-folder hash. Never printed.
 */
public record ServerSecrets(String jwtSecret, String profileHashKey) {
    @Override
    public String toString() {
        return "ServerSecrets[***]";
    }
}
