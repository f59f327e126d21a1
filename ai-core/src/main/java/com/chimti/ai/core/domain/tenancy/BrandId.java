package com.chimti.ai.core.domain.tenancy;

import com.chimti.ai.core.domain.IdRules;


public record BrandId(String value) {
    public BrandId {
        IdRules.require(value, "brandId");
    }

    @Override
    public String toString() {
        return value;
    }
}
