package com.chimti.ai.core.domain;

public record BrandId(String value) {
    public BrandId {
        IdRules.require(value, "brandId");
    }

    @Override
    public String toString() {
        return value;
    }
}
