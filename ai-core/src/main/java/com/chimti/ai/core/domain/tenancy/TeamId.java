package com.chimti.ai.core.domain.tenancy;

import com.chimti.ai.core.domain.IdRules;


public record TeamId(String value) {
    public TeamId {
        IdRules.require(value, "teamId");
    }

    @Override
    public String toString() {
        return value;
    }
}
