package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.ValidationException;
import java.util.Locale;

/** What an admin usage report adds up by: a row per client, per brand (and client-level calls), or per user. */
public enum UsageGrouping {
    CLIENT, BRAND, USER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code client}, {@code brand} or {@code user}; null or blank means {@link #CLIENT}. */
    public static UsageGrouping parse(String value) {
        if (value == null || value.isBlank()) {
            return CLIENT;
        }
        for (UsageGrouping grouping : values()) {
            if (grouping.wireName().equals(value.strip())) {
                return grouping;
            }
        }
        throw new ValidationException("groupBy must be one of client, brand, user");
    }
}
