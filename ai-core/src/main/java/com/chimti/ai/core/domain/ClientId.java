package com.chimti.ai.core.domain;

public record ClientId(String value) {
    public ClientId {
        IdRules.require(value, "clientId");
    }

    @Override
    public String toString() {
        return value;
    }
}
