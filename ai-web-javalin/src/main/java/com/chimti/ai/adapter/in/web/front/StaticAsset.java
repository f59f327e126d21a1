package com.chimti.ai.adapter.in.web.front;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * One file of this module's resources, read once when the server is built (a missing one stops the start, not a
 * request later), and its content type.
 */
record StaticAsset(byte[] bytes, String contentType) {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml",
            "json", "application/json");

    static StaticAsset load(String resource, String contentType) {
        try (InputStream in = StaticAsset.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + resource + " is missing from the build");
            }
            return new StaticAsset(in.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("the resource " + resource + " cannot be read", e);
        }
    }

    /** A file whose content type follows from its extension ({@code html}, {@code css}, {@code js}...). */
    static StaticAsset load(String resource) {
        String extension = resource.substring(resource.lastIndexOf('.') + 1);
        String type = TYPES.get(extension);
        if (type == null) {
            throw new IllegalArgumentException("no content type known for " + resource);
        }
        return load(resource, type);
    }

    void send(Context ctx) {
        ctx.contentType(contentType).result(bytes);
    }
}
