package com.chimti.ai.core.domain.tenancy;

import com.chimti.ai.core.domain.IdRules;


public record UserId(String value) {
    public UserId {
        IdRules.require(value, "userId");
    }

    @Override
    public String toString() {
        return value;
    }
}
