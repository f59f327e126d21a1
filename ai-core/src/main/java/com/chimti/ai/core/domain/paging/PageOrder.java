package com.chimti.ai.core.domain.paging;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The order a keyset listing walks, by its rows' (instant, id) key. A page holds the rows past the request's cursor
 * in this order: a SQL store says so with a row comparison ({@code (at, id) > (?, ?)} oldest first, {@code <} newest
 * first), an in-memory one with {@link #page}.
 */
public enum PageOrder {
    OLDEST_FIRST,
    NEWEST_FIRST;

    private static final Comparator<PageCursor> ASCENDING =
            Comparator.comparing(PageCursor::at).thenComparing(PageCursor::id);

    /** Whether a row with {@code key} comes after {@code cursor} in this order; every row does on a first page. */
    public boolean isPast(PageCursor cursor, PageCursor key) {
        return cursor == null || keys().compare(key, cursor) > 0;
    }

    /** The request's page of {@code rows}, held in memory in any order: those past its cursor, in this order. */
    public <T> Page<T> page(Collection<T> rows, PageRequest request, Function<T, PageCursor> keyOf) {
        List<T> fetched = rows.stream()
                .filter(row -> isPast(request.cursor(), keyOf.apply(row)))
                .sorted(Comparator.comparing(keyOf, keys()))
                .limit(request.fetchSize())
                .toList();
        return request.pageOf(fetched, keyOf);
    }

    private Comparator<PageCursor> keys() {
        return this == OLDEST_FIRST ? ASCENDING : ASCENDING.reversed();
    }
}
