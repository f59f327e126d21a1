package com.chimti.ai.adapter.in.web.front;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Objects;

/**
 * What browsers and front-end developers get besides the API routes, in one place for the server to register: the
 * OpenAPI document (always), the reference console (when enabled) and CORS for the allowed origins. The document
 * and the console are public: they hold no one's data, and a page must load before it can ask for a token.
 */
public final class FrontDoor {
    private final FrontSettings settings;
    private final CorsPolicy cors;
    private final OpenApiRoutes openApi = new OpenApiRoutes();
    private final ConsoleRoutes console;

    public FrontDoor(FrontSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cors = new CorsPolicy(settings.corsOrigins());
        this.console = settings.consoleEnabled() ? new ConsoleRoutes() : null;
    }

    /** A before-handler: CORS headers for an allowed origin, and the answer to its preflight. */
    public void applyCors(Context ctx) {
        cors.apply(ctx);
    }

    /** Whether {@code path} is served without a token (the document; the console while it is on). */
    public boolean isPublic(String path) {
        return path.equals(OpenApiRoutes.PATH) || (settings.consoleEnabled() && ConsoleRoutes.covers(path));
    }

    public EndpointGroup endpoints() {
        return () -> {
            openApi.endpoints().addEndpoints();
            if (console != null) {
                console.endpoints().addEndpoints();
            }
        };
    }
}
