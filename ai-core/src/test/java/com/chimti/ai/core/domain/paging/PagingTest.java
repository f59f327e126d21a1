package com.chimti.ai.core.domain.paging;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageOrder;
import com.chimti.ai.core.domain.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyset paging rule every store follows: rows past the cursor in order, one extra row read, its cursor. */
class PagingTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");
    private static final PageCursor A = new PageCursor(T, "a");
    private static final PageCursor B = new PageCursor(T, "b");
    private static final PageCursor C = new PageCursor(T.plusSeconds(1), "a");

    @Test
    void aStoreReadsOneRowMoreThanThePageHolds() {
        assertThat(PageRequest.first(2).fetchSize()).isEqualTo(3);
    }

    @Test
    void theExtraRowOnlyTellsThatANextPageExistsAndTheLastKeptRowIsItsCursor() {
        Page<PageCursor> full = PageRequest.first(2).pageOf(List.of(A, B, C), key -> key);
        assertThat(full.items()).containsExactly(A, B);
        assertThat(full.nextCursor()).isEqualTo(B);

        Page<PageCursor> last = PageRequest.first(2).pageOf(List.of(A, B), key -> key);
        assertThat(last.items()).containsExactly(A, B);
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    void pastTheCursorMeansLaterOldestFirstAndEarlierNewestFirstWithTheIdBreakingTies() {
        assertThat(PageOrder.OLDEST_FIRST.isPast(A, B)).isTrue();
        assertThat(PageOrder.OLDEST_FIRST.isPast(B, A)).isFalse();
        assertThat(PageOrder.OLDEST_FIRST.isPast(A, A)).as("the cursor's own row is on the page before").isFalse();
        assertThat(PageOrder.NEWEST_FIRST.isPast(C, B)).isTrue();
        assertThat(PageOrder.NEWEST_FIRST.isPast(B, A)).isTrue();
        assertThat(PageOrder.NEWEST_FIRST.isPast(A, C)).isFalse();
        assertThat(PageOrder.NEWEST_FIRST.isPast(null, A)).as("a first page").isTrue();
    }

    @Test
    void rowsInMemoryArePagedInOrderFromTheCursorOn() {
        List<PageCursor> rows = List.of(C, A, B);
        Page<PageCursor> first = PageOrder.NEWEST_FIRST.page(rows, PageRequest.first(2), key -> key);
        assertThat(first.items()).containsExactly(C, B);
        Page<PageCursor> second = PageOrder.NEWEST_FIRST.page(rows, new PageRequest(2, first.nextCursor()), key -> key);
        assertThat(second.items()).containsExactly(A);
        assertThat(second.nextCursor()).isNull();

        assertThat(PageOrder.OLDEST_FIRST.page(rows, new PageRequest(5, A), key -> key).items()).containsExactly(B, C);
    }
}
