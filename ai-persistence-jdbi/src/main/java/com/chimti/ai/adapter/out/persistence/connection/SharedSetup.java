package com.chimti.ai.adapter.out.persistence.connection;

import java.util.Objects;

/**
 * What the instances on one database must share (see V12): the marker id found in the profile root and the
 * HMAC of a fixed probe under the profile-hash secret. Neither reveals the path or the secret.
 */
public record SharedSetup(String profileRootMarker, String profileHashProbe) {
    public SharedSetup {
        Objects.requireNonNull(profileRootMarker, "profileRootMarker");
        Objects.requireNonNull(profileHashProbe, "profileHashProbe");
    }
}
