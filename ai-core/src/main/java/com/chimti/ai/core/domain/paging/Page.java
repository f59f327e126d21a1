package com.chimti.ai.core.domain.paging;

import java.util.List;

/** One page of results and the cursor of the next page, or null when this is the last one. */
public record Page<T>(List<T> items, PageCursor nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
