package com.chimti.ai.adapter.in.web.http;

import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/** Gives every request an id: a sane incoming {@code X-Request-Id} is echoed, anything else is replaced. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "chimti.requestId";
    // short and log-safe: no spaces, quotes or control characters that could forge log lines
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        String incoming = ctx.header(HEADER);
        String id = incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}
