package com.chimti.ai.adapter.in.web.front;

import static io.javalin.apibuilder.ApiBuilder.get;

import com.chimti.ai.core.domain.NotFoundException;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference console: static HTML, CSS and JavaScript from this module's resources ({@code console/}), at
 * {@code /console} (the page) and {@code /console/{file}} (what it loads). It is a page like any front end's: it
 * calls only the public API, with the token the user pastes in (or the one in the address's fragment, which never
 * reaches a server). Only the files listed here are served, so no path can reach anything else. The page may load
 * and call nothing but this server ({@code Content-Security-Policy}).
 */
final class ConsoleRoutes {
    static final String PATH = "/console";
    static final List<String> FILES = List.of("index.html", "console.css", "api.js", "console.js");
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final Map<String, StaticAsset> files = new LinkedHashMap<>();

    ConsoleRoutes() {
        FILES.forEach(name -> files.put(name, StaticAsset.load("console/" + name)));
    }

    EndpointGroup endpoints() {
        return () -> {
            get(PATH, ctx -> send(ctx, "index.html"));
            get(PATH + "/{file}", ctx -> send(ctx, ctx.pathParam("file")));
        };
    }

    /** The page and its files exactly: any other path under {@code /console} needs a token, like unknown ones. */
    static boolean covers(String path) {
        return path.equals(PATH) || path.equals(PATH + "/")
                || (path.startsWith(PATH + "/") && FILES.contains(path.substring(PATH.length() + 1)));
    }

    private void send(Context ctx, String name) {
        StaticAsset file = files.get(name);
        if (file == null) {
            throw new NotFoundException("no such console file");
        }
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("Referrer-Policy", "no-referrer");
        file.send(ctx);
    }
}
