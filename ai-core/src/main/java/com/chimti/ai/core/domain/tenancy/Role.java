package com.chimti.ai.core.domain.tenancy;

import java.util.Optional;

/** Platform roles carried in the caller's token. */
public enum Role {
    BRAND_SUPERADMIN,
    BRAND_ADMIN,
    STORE,
    WORKSHOP,
    ACCOUNTS,
    CUSTOMER_CARE,
    FIELD,
    PLATFORM_ADMIN;

    /** Unknown role names are ignored rather than rejected, so the host platform can add roles first. */
    public static Optional<Role> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Role.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public boolean isBrandAdmin() {
        return this == BRAND_SUPERADMIN || this == BRAND_ADMIN;
    }
}
