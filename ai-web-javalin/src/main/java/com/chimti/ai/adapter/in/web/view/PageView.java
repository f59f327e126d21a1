package com.chimti.ai.adapter.in.web.view;

import com.chimti.ai.core.domain.paging.Page;
import java.util.List;
import java.util.function.Function;

public record PageView<T>(List<T> items, String nextCursor) {
    public static <D, T> PageView<T> of(Page<D> page, Function<D, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(),
                page.nextCursor() == null ? null : page.nextCursor().encode());
    }
}
