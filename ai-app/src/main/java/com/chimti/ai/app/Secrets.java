package com.chimti.ai.app;

/** Names of the secrets {@link LocalSecrets} keeps under the data dir. */
final class Secrets {
    static final String DEV_JWT_SECRET = "dev-jwt-secret";
    static final String PROFILE_HASH_KEY = "profile-hash-key";

    private Secrets() {
    }
}
