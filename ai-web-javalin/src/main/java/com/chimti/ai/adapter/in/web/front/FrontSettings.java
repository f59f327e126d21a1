package com.chimti.ai.adapter.in.web.front;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the server offers browsers besides the API itself: the reference console (off by default) and the
 * origins whose pages may call the API cross-origin (none by default). An origin is written exactly as a browser
 * sends it in its {@code Origin} header, {@code scheme://host[:port]} without a path or the scheme's default port,
 * since it is compared as an exact string.
 */
public record FrontSettings(boolean consoleEnabled, List<String> corsOrigins) {

    public FrontSettings {
        corsOrigins = List.copyOf(Objects.requireNonNull(corsOrigins, "corsOrigins"));
        corsOrigins.forEach(FrontSettings::requireOrigin);
    }

    public static FrontSettings defaults() {
        return new FrontSettings(false, List.of());
    }

    /** Throws {@link IllegalArgumentException}, naming the fault, unless {@code origin} is one exact origin. */
    static void requireOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException malformed) {
            throw new IllegalArgumentException("a CORS origin is scheme://host[:port], not " + origin);
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme)) || uri.getRawUserInfo() != null
                || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("a CORS origin is http(s)://host[:port] without a path, not " + origin);
        }
        int defaultPort = "https".equals(scheme) ? 443 : 80;
        String exact = scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 || uri.getPort() == defaultPort ? "" : ":" + uri.getPort());
        if (!exact.equals(origin)) {
            // browsers send this form; any other spelling would never match
            throw new IllegalArgumentException("write the CORS origin " + origin + " as a browser sends it: " + exact);
        }
    }
}
