package com.chimti.ai.core.domain;

public record LocationId(String value) {
    public LocationId {
        IdRules.require(value, "locationId");
    }

    @Override
    public String toString() {
        return value;
    }
}
