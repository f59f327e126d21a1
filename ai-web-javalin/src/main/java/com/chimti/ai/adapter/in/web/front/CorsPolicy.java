package com.chimti.ai.adapter.in.web.front;

import io.javalin.http.Context;
import java.util.List;
import java.util.Set;

/**
 * Cross-origin access for the pages of an allowlist of exact origins. A request from such an origin gets
 * {@code Access-Control-Allow-Origin} with that origin (never {@code *}: tokens travel in {@code Authorization},
 * no cookies, so no credentials mode either), and its preflight is answered here, before the body cap and the
 * token check, since a browser sends no token with it. Any other origin is treated as before: no CORS headers,
 * so the browser keeps its page from reading the answer, and its preflight meets the token check (401).
 */
final class CorsPolicy {
    static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOWED_HEADERS = "Authorization, Content-Type, Last-Event-ID";
    /** What a page may read besides the simple headers: the request id, rate-limit hints, a download's name. */
    static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After, RateLimit, RateLimit-Policy, "
            + "Content-Disposition";
    static final String PREFLIGHT_MAX_AGE_SECONDS = "600";

    private final Set<String> origins;

    CorsPolicy(List<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    void apply(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null || !origins.contains(origin)) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", origin);
        ctx.header("Vary", "Origin");
        if (isPreflight(ctx)) {
            ctx.header("Access-Control-Allow-Methods", ALLOWED_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            ctx.header("Access-Control-Max-Age", PREFLIGHT_MAX_AGE_SECONDS);
            ctx.status(204);
            ctx.skipRemainingHandlers();
        } else {
            ctx.header("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }

    private static boolean isPreflight(Context ctx) {
        return "OPTIONS".equals(ctx.method().name()) && ctx.header("Access-Control-Request-Method") != null;
    }
}
