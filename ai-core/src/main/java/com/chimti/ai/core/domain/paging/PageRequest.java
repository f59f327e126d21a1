package com.chimti.ai.core.domain.paging;

import com.chimti.ai.core.domain.ValidationException;
import java.util.List;
import java.util.function.Function;

/**
 * A keyset page request: at most {@code limit} items after {@code cursor} (null for the first page). A store reads
 * {@link #fetchSize()} rows past the cursor, in the listing's {@link PageOrder}, and makes the page with
 * {@link #pageOf}.
 */
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

    /** The rows a store reads for this page: one more than it holds, the extra one only tells that a next page exists. */
    public int fetchSize() {
        return limit + 1;
    }

    /**
     * This request's page of {@code fetched}, the rows read past the cursor in the listing's order (at most
     * {@link #fetchSize()}): the first {@code limit}, and when a row was left over, the next page's cursor, which is
     * the key of the last row kept.
     */
    public <T> Page<T> pageOf(List<T> fetched, Function<T, PageCursor> keyOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, keyOf.apply(items.get(limit - 1)));
    }
}
