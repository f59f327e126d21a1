package com.chimti.ai.core.domain.tenancy;

import com.chimti.ai.core.domain.IdRules;


public record LocationId(String value) {
    public LocationId {
        IdRules.require(value, "locationId");
    }

    @Override
    public String toString() {
        return value;
    }
}
