package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.view.Views;
import com.chimti.ai.core.domain.artifact.AiArtifact;
import com.chimti.ai.core.domain.artifact.ArtifactId;
import com.chimti.ai.core.port.in.ArtifactContent;
import com.chimti.ai.core.port.in.ManageArtifacts;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /v1/ai/artifacts?chatId=&brandId=} (newest first, at most 200), {@code GET /v1/ai/artifacts/{id}}
 * (metadata), {@code GET /v1/ai/artifacts/{id}/content} (the bytes, as an attachment) and {@code DELETE
 * /v1/ai/artifacts/{id}} (its owner only). An artifact the caller may not read (or, to delete, does not own) is
 * 404, exactly like one that does not exist. Downloads carry {@code nosniff}, a sandboxing CSP
 * and {@code no-store}, and a file name built here from the title, never a stored path.
 */
public final class ArtifactRoutes {
    record ArtifactView(String id, String chatId, String brandId, String type, String title, String mimeType,
                        long sizeBytes, Instant createdAt) {
        static ArtifactView of(AiArtifact artifact) {
            return new ArtifactView(artifact.id().value(), Views.text(artifact.chatId()),
                    Views.text(artifact.brandId()), artifact.type(), artifact.title(), artifact.mimeType(),
                    artifact.sizeBytes(), artifact.createdAt());
        }
    }

    record ArtifactList(List<ArtifactView> items) {
    }

    private static final Map<String, String> EXTENSIONS = Map.of("text/plain", ".txt", "text/markdown", ".md",
            "text/csv", ".csv", "application/json", ".json", "application/pdf", ".pdf", "image/png", ".png");

    private final ManageArtifacts artifacts;

    public ArtifactRoutes(ManageArtifacts artifacts) {
        this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    }

    public EndpointGroup endpoints() {
        return () -> {
            get("/v1/ai/artifacts", this::list);
            get("/v1/ai/artifacts/{artifactId}", this::one);
            get("/v1/ai/artifacts/{artifactId}/content", this::content);
            delete("/v1/ai/artifacts/{artifactId}", this::remove);
        };
    }

    void list(Context ctx) {
        List<ArtifactView> items = artifacts.list(Authentication.caller(ctx), Requests.chatFilter(ctx),
                        Requests.brandId(ctx))
                .stream().map(ArtifactView::of).toList();
        ctx.json(new ArtifactList(items));
    }

    void one(Context ctx) {
        ctx.json(ArtifactView.of(artifacts.get(Authentication.caller(ctx), artifactId(ctx))));
    }

    /** The owner's own only: 204, then 404 (as for anyone else's). */
    void remove(Context ctx) {
        artifacts.delete(Authentication.caller(ctx), artifactId(ctx));
        ctx.status(204);
    }

    void content(Context ctx) {
        ArtifactContent content = artifacts.open(Authentication.caller(ctx), artifactId(ctx));
        AiArtifact artifact = content.artifact();
        String mimeType = artifact.mimeType() == null ? "application/octet-stream" : artifact.mimeType();
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName(artifact.title(), mimeType) + "\"");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Cache-Control", "private, no-store");
        // sent as stored: a compressed body would contradict Content-Length (and PDFs and PNGs gain nothing)
        ctx.disableCompression();
        ctx.header("Content-Length", Long.toString(content.bytes().length));
        ctx.contentType(mimeType).result(content.bytes());
    }

    /**
     * A download name safe in any header and on any file system: ASCII letters, digits, {@code -}, {@code _},
     * {@code .} and spaces only (each run of anything else becomes one {@code _}), none of {@code . _ space} at
     * either end, at most 100 characters, then the extension of the content type.
     */
    static String fileName(String title, String mimeType) {
        String base = title == null ? "" : title.replaceAll("[^A-Za-z0-9 ._-]+", "_")
                .replaceAll("^[._ ]+|[._ ]+$", "");
        if (base.length() > 100) {
            base = base.substring(0, 100).strip();
        }
        if (base.isEmpty()) {
            base = "artifact";
        }
        String extension = EXTENSIONS.getOrDefault(mimeType, ".bin");
        return base.toLowerCase(java.util.Locale.ROOT).endsWith(extension) ? base : base + extension;
    }

    private static ArtifactId artifactId(Context ctx) {
        return new ArtifactId(ctx.pathParam("artifactId"));
    }
}
