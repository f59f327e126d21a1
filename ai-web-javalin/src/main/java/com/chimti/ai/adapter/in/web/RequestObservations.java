package com.chimti.ai.adapter.in.web;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** Runs a {@link RequestObserver} around every request: begin before the token check, end after the answer. */
final class RequestObservations {
    private static final String ATTRIBUTE = "chimti.observation";

    private final RequestObserver observer;

    RequestObservations(RequestObserver observer) {
        this.observer = observer;
    }

    void begin(Context ctx) {
        ctx.attribute(ATTRIBUTE, observer.begin(ctx.method().name(), RequestIds.of(ctx)));
    }

    void end(Context ctx) {
        RequestObserver.Observation observation = ctx.attribute(ATTRIBUTE);
        if (observation != null) {
            ctx.attribute(ATTRIBUTE, null);
            Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
            observation.end(matched == null ? null : matched.path, ctx.statusCode());
        }
    }
}
