package com.chimti.ai.core.domain.tenancy;

import com.chimti.ai.core.domain.IdRules;


public record ClientId(String value) {
    public ClientId {
        IdRules.require(value, "clientId");
    }

    @Override
    public String toString() {
        return value;
    }
}
