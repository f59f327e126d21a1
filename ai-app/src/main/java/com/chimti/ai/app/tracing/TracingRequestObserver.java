package com.chimti.ai.app.tracing;

import com.chimti.ai.adapter.in.web.RequestObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A server span per HTTP request, current on the request thread (and on the worker of a streamed turn), named
 * by method and route template. Attributes: method, route, status and the request id; never a path with ids,
 * a header or any user text.
 */
public final class TracingRequestObserver implements RequestObserver {
    static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("chimti.request_id");

    private final Tracer tracer;

    public TracingRequestObserver(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Observation begin(String method, String requestId) {
        Span span = tracer.spanBuilder(method).setSpanKind(SpanKind.SERVER).setParent(Context.root())
                .setAttribute(METHOD, method)
                .setAttribute(REQUEST_ID, requestId)
                .startSpan();
        Scope scope = span.makeCurrent();
        return (route, status) -> {
            try {
                if (route != null) {
                    span.updateName(method + " " + route);
                    span.setAttribute(ROUTE, route);
                }
                span.setAttribute(STATUS, (long) status);
                if (status >= 500) {
                    span.setStatus(StatusCode.ERROR);
                }
            } finally {
                span.end();
                scope.close();
            }
        };
    }

    @Override
    public Runnable propagate(Runnable task) {
        return Context.current().wrap(task);
    }
}
