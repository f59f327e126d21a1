package com.chimti.ai.adapter.in.web.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * Enforces the body cap before any other handler: a declared Content-Length over the cap is refused unread, and
 * a chunked body is read only up to the cap. The bytes read are kept for {@link WebJson#read}.
 */
public final class BodyLimit {
    private static final String ATTRIBUTE = "chimti.body";
    private static final byte[] EMPTY = new byte[0];

    private final long maxBytes;

    public BodyLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public void enforce(Context ctx) throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw ApiProblem.payloadTooLarge(maxBytes);
        }
        boolean hasBody = declared > 0 || ctx.header("Transfer-Encoding") != null;
        ctx.attribute(ATTRIBUTE, hasBody ? readAtMost(ctx.req().getInputStream()) : EMPTY);
    }

    private byte[] readAtMost(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw ApiProblem.payloadTooLarge(maxBytes);
        }
        return bytes;
    }

    static byte[] body(Context ctx) {
        byte[] body = ctx.attribute(ATTRIBUTE);
        return body == null ? EMPTY : body;
    }
}
