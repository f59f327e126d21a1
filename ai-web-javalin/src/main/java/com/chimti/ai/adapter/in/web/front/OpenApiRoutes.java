package com.chimti.ai.adapter.in.web.front;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;

/**
 * The machine-readable contract, {@code GET /v1/ai/openapi.json}: the OpenAPI 3.1 document kept in this module's
 * resources ({@value #RESOURCE}), served as it is and without a token, so a front end can generate a client or
 * check its calls before it has one. The system tests validate every request and response against it.
 */
final class OpenApiRoutes {
    static final String PATH = "/v1/ai/openapi.json";
    static final String RESOURCE = "openapi/openapi.json";

    private final StaticAsset document = StaticAsset.load(RESOURCE, "application/json");

    EndpointGroup endpoints() {
        return () -> get(PATH, this::document);
    }

    private void document(Context ctx) {
        document.send(ctx);
    }
}
