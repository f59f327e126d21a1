package com.chimti.ai.core.domain.account;

import com.chimti.ai.core.domain.IdRules;
import com.chimti.ai.core.domain.TimeOrderedIds;


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
