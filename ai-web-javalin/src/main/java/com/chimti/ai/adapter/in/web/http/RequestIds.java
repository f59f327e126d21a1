package com.chimti.ai.adapter.in.web.http;

import com.chimti.ai.core.domain.tenancy.RequestId;
import io.javalin.http.Context;
import java.util.UUID;

/**
 * Gives every request an id: an incoming {@code X-Request-Id} that is a valid {@link RequestId} (short and
 * log-safe: no spaces, quotes or control characters that could forge log lines) is echoed, anything else replaced.
 */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "chimti.requestId";

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        String incoming = ctx.header(HEADER);
        String id = RequestId.isValid(incoming) ? incoming : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}
