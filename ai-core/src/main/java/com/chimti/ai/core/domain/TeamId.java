package com.chimti.ai.core.domain;

public record TeamId(String value) {
    public TeamId {
        IdRules.require(value, "teamId");
    }

    @Override
    public String toString() {
        return value;
    }
}
