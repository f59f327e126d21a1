package com.chimti.ai.core.domain;

/** A keyset page request: at most {@code limit} items after {@code cursor} (null for the first page). */
public record PageRequest(int limit, PageCursor cursor) {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ValidationException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, null);
    }
}
