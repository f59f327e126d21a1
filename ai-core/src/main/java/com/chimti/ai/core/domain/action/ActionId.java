package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.IdRules;
import com.chimti.ai.core.domain.TimeOrderedIds;


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
