package com.chimti.ai.core.domain.tenancy;

import java.util.regex.Pattern;

/** The id of the request a call came in with: short and log-safe, so it can go on usage rows and audit events. */
public record RequestId(String value) {
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public RequestId {
        if (!isValid(value)) {
            throw new IllegalArgumentException("a request id is 1 to 64 of A-Z a-z 0-9 . _ : -");
        }
    }

    /** Whether {@code value} may be a request id (the edge replaces an incoming one that may not). */
    public static boolean isValid(String value) {
        return value != null && SANE.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
