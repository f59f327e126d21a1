package com.chimti.ai.adapter.in.web.http;

import io.javalin.http.Context;

/**
 * Headers every answer carries (JSON, problem+json, SSE): no content sniffing by browsers, and no copy kept by
 * any cache, since every answer is one user's data.
 */
public final class ResponseHeaders {
    public static final String NOSNIFF = "nosniff";
    public static final String NO_STORE = "no-store";

    private ResponseHeaders() {
    }

    public static void apply(Context ctx) {
        ctx.header("X-Content-Type-Options", NOSNIFF);
        ctx.header("Cache-Control", NO_STORE);
    }
}
