package com.chimti.ai.adapter.in.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Times each request and tells the {@link RequestObserver}s its method, route template and status. */
final class RequestTiming {
    private static final Logger LOG = LoggerFactory.getLogger(RequestTiming.class);
    private static final String STARTED = "chimti.requestStarted";

    private final List<RequestObserver> observers;

    RequestTiming(List<RequestObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    void end(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null || observers.isEmpty()) {
            return;
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        String method = ctx.method().name();
        String route = routeOf(ctx);
        int status = ctx.statusCode();
        for (RequestObserver observer : observers) {
            try {
                observer.requestEnded(method, route, status, duration);
            } catch (RuntimeException failed) {
                LOG.warn("a request observer failed: {}", failed.getClass().getSimpleName());
            }
        }
    }

    /** The template of the route that served the request, never the path itself (it holds ids). */
    static String routeOf(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null || endpoint.path == null || endpoint.path.isBlank()
                    ? RequestObserver.UNMATCHED : endpoint.path;
        } catch (RuntimeException noMatch) {
            return RequestObserver.UNMATCHED;
        }
    }
}
