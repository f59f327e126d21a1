package com.chimti.ai.adapter.in.web;

import com.chimti.ai.adapter.in.web.http.RequestIds;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the {@link RequestObserver}s around every request: begin before the token check, end after the answer. */
final class RequestObservations {
    private static final Logger LOG = LoggerFactory.getLogger(RequestObservations.class);
    private static final String ATTRIBUTE = "chimti.observations";

    private final List<RequestObserver> observers;

    RequestObservations(List<RequestObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    void begin(Context ctx) {
        if (observers.isEmpty()) {
            return;
        }
        List<RequestObserver.Observation> observations = new ArrayList<>(observers.size());
        for (RequestObserver observer : observers) {
            observations.add(observer.begin(ctx.method().name(), RequestIds.of(ctx)));
        }
        ctx.attribute(ATTRIBUTE, observations);
    }

    void end(Context ctx) {
        List<RequestObserver.Observation> observations = ctx.attribute(ATTRIBUTE);
        if (observations == null) {
            return;
        }
        ctx.attribute(ATTRIBUTE, null);
        String route = routeOf(ctx);
        int status = ctx.statusCode();
        for (int i = observations.size() - 1; i >= 0; i--) { // nested like scopes: last begun, first ended
            try {
                observations.get(i).end(route, status);
            } catch (RuntimeException failed) {
                LOG.warn("a request observer failed: {}", failed.getClass().getSimpleName());
            }
        }
    }

    /** Carries every observer's context to a worker thread. */
    Runnable propagate(Runnable task) {
        Runnable wrapped = task;
        for (RequestObserver observer : observers) {
            wrapped = observer.propagate(wrapped);
        }
        return wrapped;
    }

    /** The template of the route that served the request, never the path itself (it holds ids); null if none. */
    private static String routeOf(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null || endpoint.path == null || endpoint.path.isBlank() ? null : endpoint.path;
        } catch (RuntimeException noMatch) {
            return null;
        }
    }
}
