package com.chimti.ai.core.domain.artifact;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an artifact may be: one of the allowed content types (bare {@code type/subtype}, lower case) and at most
 * {@code maxBytes} long.
 */
public record ArtifactLimits(Set<String> allowedMimeTypes, long maxBytes) {
    // first: DEFAULTS below is checked against it
    private static final Pattern MIME =
            Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    public static final long DEFAULT_MAX_BYTES = 5L * 1024 * 1024;
    public static final List<String> DEFAULT_MIME_TYPES = List.of("text/plain", "text/markdown", "text/csv",
            "application/json", "application/pdf", "image/png");
    public static final ArtifactLimits DEFAULTS = new ArtifactLimits(Set.copyOf(DEFAULT_MIME_TYPES),
            DEFAULT_MAX_BYTES);

    public ArtifactLimits {
        allowedMimeTypes = Set.copyOf(allowedMimeTypes);
        if (allowedMimeTypes.isEmpty()) {
            throw new IllegalArgumentException("at least one content type must be allowed");
        }
        for (String type : allowedMimeTypes) {
            if (!isMimeType(type)) {
                throw new IllegalArgumentException("not a bare lower-case content type: " + type);
            }
        }
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
    }

    /** Whether {@code value} is a bare {@code type/subtype} in lower case, without parameters. */
    public static boolean isMimeType(String value) {
        return value != null && MIME.matcher(value).matches();
    }

    /** The bare, lower-case type of {@code mimeType} (parameters such as {@code charset} dropped), if allowed. */
    public String requireAllowed(String mimeType) {
        String bare = mimeType == null ? "" : mimeType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!allowedMimeTypes.contains(bare)) {
            throw new UnsupportedContentTypeException("content type " + (isMimeType(bare) ? bare : "(invalid)")
                    + " is not allowed for artifacts");
        }
        return bare;
    }

    public void requireSize(long sizeBytes) {
        if (sizeBytes > maxBytes) {
            throw new ArtifactTooLargeException("an artifact may be at most " + maxBytes + " bytes");
        }
    }
}
