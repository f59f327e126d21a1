package com.chimti.ai.adapter.in.web.http;

import com.chimti.ai.core.domain.account.LoginId;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads path and query parameters into domain values; every malformed value is a 400, never a 500. */
public final class Requests {
    private Requests() {
    }

    public static ChatId chatId(Context ctx) {
        return new ChatId(ctx.pathParam("chatId"));
    }

    public static LoginId loginId(Context ctx) {
        return new LoginId(ctx.pathParam("loginId"));
    }

    /** {@code chatId} query parameter (a filter); null when absent. */
    public static ChatId chatFilter(Context ctx) {
        String value = ctx.queryParam("chatId");
        return value == null || value.isBlank() ? null : new ChatId(value);
    }

    public static BrandId brandId(Context ctx) {
        String value = ctx.queryParam("brandId");
        return value == null || value.isBlank() ? null : new BrandId(value);
    }

    /** {@code clientId} query parameter (admin views); null when absent. */
    public static ClientId clientId(Context ctx) {
        String value = ctx.queryParam("clientId");
        return value == null || value.isBlank() ? null : new ClientId(value);
    }

    /** An ISO-8601 instant query parameter ({@code 2026-03-01T00:00:00Z}); null when absent. */
    public static Instant instant(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException malformed) {
            throw ApiProblem.invalid(name + " must be an ISO-8601 instant such as 2026-03-01T00:00:00Z");
        }
    }

    /** {@code provider} query parameter; null means the default provider. */
    public static String provider(Context ctx) {
        String value = ctx.queryParam("provider");
        return value == null || value.isBlank() ? null : value;
    }

    public static PageRequest page(Context ctx) {
        String limit = ctx.queryParam("limit");
        int size = PageRequest.DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException notANumber) {
                throw ApiProblem.invalid("limit must be a number between 1 and " + PageRequest.MAX_LIMIT);
            }
        }
        return new PageRequest(size, PageCursor.decode(ctx.queryParam("cursor")));
    }

    public static boolean wantsEventStream(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/event-stream");
    }

    /** A required text field of a request body. */
    public static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.invalid(field + " is required");
        }
        return value;
    }
}
