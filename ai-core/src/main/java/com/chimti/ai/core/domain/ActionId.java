package com.chimti.ai.core.domain;

public record ActionId(String value) {
    public ActionId {
        IdRules.require(value, "actionId");
    }

    public static ActionId newId() {
        return new ActionId(TimeOrderedIds.next());
    }

    @Override
    public String toString() {
        return value;
    }
}
