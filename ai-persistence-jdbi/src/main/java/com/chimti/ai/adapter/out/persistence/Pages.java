package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.core.domain.Page;
import com.chimti.ai.core.domain.PageCursor;
import java.util.List;
import java.util.function.Function;

final class Pages {
    private Pages() {
    }

    /** {@code fetched} holds up to limit + 1 items; the extra one only tells that a next page exists. */
    static <T> Page<T> of(List<T> fetched, int limit, Function<T, PageCursor> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, null);
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, cursorOf.apply(items.get(limit - 1)));
    }
}
