package com.chimti.ai.adapter.in.web.problem;

import com.chimti.ai.adapter.in.web.http.RequestIds;
import com.chimti.ai.adapter.in.web.http.ResponseHeaders;
import com.chimti.ai.adapter.in.web.http.WebJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Requests Jetty refuses before Javalin sees them (malformed URI or Content-Length, oversized headers) get the
 * same problem+json shape as everything else, instead of Jetty's HTML page.
 */
public final class JettyProblemErrorHandler extends ErrorHandler {

    public JettyProblemErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        String requestId = UUID.randomUUID().toString();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        response.getHeaders().put(RequestIds.HEADER, requestId);
        response.getHeaders().put("X-Content-Type-Options", ResponseHeaders.NOSNIFF);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, ResponseHeaders.NO_STORE);
        response.write(true, ByteBuffer.wrap(body(code, requestId)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        String requestId = UUID.randomUUID().toString();
        fields.put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
        fields.put(RequestIds.HEADER, requestId);
        fields.put("X-Content-Type-Options", ResponseHeaders.NOSNIFF);
        fields.put(HttpHeader.CACHE_CONTROL, ResponseHeaders.NO_STORE);
        return ByteBuffer.wrap(body(status, requestId));
    }

    private static byte[] body(int status, String requestId) {
        String code = switch (status) {
            case 400 -> "validation_failed";
            case 404 -> "not_found";
            case 413 -> "payload_too_large";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
        String title = ErrorMapper.titleFor(status);
        String detail = status >= 500 ? "an unexpected error occurred" : "the request could not be read";
        return WebJson.write(Problem.of(status, code, title, detail, requestId)).getBytes(StandardCharsets.UTF_8);
    }
}
