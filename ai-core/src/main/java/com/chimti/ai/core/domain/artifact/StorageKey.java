package com.chimti.ai.core.domain.artifact;

import com.chimti.ai.core.domain.IdRules;


/**
 * Where an artifact store keeps one artifact's bytes. The store generates it and alone knows what it means; it
 * never comes from a caller.
 */
public record StorageKey(String value) {
    public StorageKey {
        IdRules.require(value, "storageKey");
    }

    @Override
    public String toString() {
        return value;
    }
}
