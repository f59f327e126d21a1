package com.chimti.ai.core.domain.artifact;

import com.chimti.ai.core.domain.IdRules;
import com.chimti.ai.core.domain.TimeOrderedIds;


public record ArtifactId(String value) {
    public ArtifactId {
        IdRules.require(value, "artifactId");
    }

    public static ArtifactId newId() {
        return new ArtifactId(TimeOrderedIds.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
