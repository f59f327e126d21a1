package com.chimti.ai.core.domain;

public record LoginId(String value) {
    public LoginId {
        IdRules.require(value, "loginId");
    }

    public static LoginId newId() {
        return new LoginId(TimeOrderedIds.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
