package com.chimti.ai.adapter.in.web;

/**
 * Where the HTTP server listens and how large a request body may be.
 *
 * @param host         interface to bind, e.g. {@code 0.0.0.0}; null or blank means all interfaces
 * @param port         port to bind; 0 picks a free one (see {@link AiWebServer#start()})
 * @param maxBodyBytes largest accepted request body; bigger bodies get 413 before anything else runs
 */
public record WebSettings(String host, int port, long maxBodyBytes) {
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public WebSettings {
        host = host == null || host.isBlank() ? "0.0.0.0" : host.strip();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    public WebSettings(String host, int port) {
        this(host, port, DEFAULT_MAX_BODY_BYTES);
    }

    public static WebSettings defaults() {
        return new WebSettings("0.0.0.0", 8080, DEFAULT_MAX_BODY_BYTES);
    }
}
