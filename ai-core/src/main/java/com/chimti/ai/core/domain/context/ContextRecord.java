package com.chimti.ai.core.domain.context;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One compact fact a host adds to a turn's context, such as "open order 1042, 3 items, due 14:00", scoped to a
 * brand or a location (at least one): the context builder drops a record whose brand or location is not the
 * caller's, so a host source that returns too much cannot leak it. {@code kind} groups records under a heading
 * ("open orders"); {@code text} is data, cleaned to one short line: control, format and line-separator
 * characters become single spaces, and a text longer than {@link #MAX_TEXT_LENGTH} is cut with a "…".
 */
public record ContextRecord(String kind, BrandId brandId, LocationId locationId, String text) {
    public static final int MAX_TEXT_LENGTH = 200;
    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9 _-]{0,39}");

    public ContextRecord {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("a record kind is 1 to 40 lower-case letters, digits, spaces, _ or -");
        }
        if (brandId == null && locationId == null) {
            throw new IllegalArgumentException("a context record belongs to a brand or a location");
        }
        Objects.requireNonNull(text, "text");
        text = OneLine.of(text, MAX_TEXT_LENGTH);
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a context record has text");
        }
    }
}
