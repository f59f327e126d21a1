package com.chimti.ai.core.domain;

public record UserId(String value) {
    public UserId {
        IdRules.require(value, "userId");
    }

    @Override
    public String toString() {
        return value;
    }
}
