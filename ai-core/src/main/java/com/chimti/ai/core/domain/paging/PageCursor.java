package com.chimti.ai.core.domain.paging;

import com.chimti.ai.core.domain.IdRules;
import com.chimti.ai.core.domain.InstantRange;
import com.chimti.ai.core.domain.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Objects;

/**
 * The position of the last item of a page: its sort instant and id. Encoded as an opaque URL-safe string so
 * callers cannot depend on its shape.
 */
public record PageCursor(Instant at, String id) {
    public PageCursor {
        InstantRange.require(Objects.requireNonNull(at, "at"), "cursor");
        IdRules.require(id, "cursor id");
    }

    public String encode() {
        String raw = at.toString() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor decode(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) {
                throw new ValidationException("cursor is not valid");
            }
            return new PageCursor(Instant.parse(raw.substring(0, bar)), raw.substring(bar + 1));
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            throw new ValidationException("cursor is not valid");
        }
    }
}
