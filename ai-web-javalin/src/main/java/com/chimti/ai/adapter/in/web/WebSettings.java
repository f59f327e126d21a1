package com.chimti.ai.adapter.in.web;

/**
 * Where the HTTP server listens and how large a request body may be.
 *
 * @param host         interface to bind, e.g. {@code 0.0.0.0}; null or blank means all interfaces
 * @param port         port to bind; 0 picks a free one (see {@link AiWebServer#start()})
 * @param maxBodyBytes largest accepted request body; bigger bodies get 413 before anything else runs
 * @param acceptQueue  the listening socket's backlog: connections the kernel holds until the server accepts
 *                     them (capped by the kernel's {@code net.core.somaxconn}); a burst beyond it is reset
 */
public record WebSettings(String host, int port, long maxBodyBytes, int acceptQueue) {
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    /** Java's own default is 50, which a burst of a few hundred clients overflows. */
    public static final int DEFAULT_ACCEPT_QUEUE = 1024;
    public static final int MAX_ACCEPT_QUEUE = 65535;

    public WebSettings {
        host = host == null || host.isBlank() ? "0.0.0.0" : host.strip();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
        if (acceptQueue < 1 || acceptQueue > MAX_ACCEPT_QUEUE) {
            throw new IllegalArgumentException("acceptQueue must be between 1 and " + MAX_ACCEPT_QUEUE);
        }
    }

    public WebSettings(String host, int port, long maxBodyBytes) {
        this(host, port, maxBodyBytes, DEFAULT_ACCEPT_QUEUE);
    }

    public WebSettings(String host, int port) {
        this(host, port, DEFAULT_MAX_BODY_BYTES);
    }

    public static WebSettings defaults() {
        return new WebSettings("0.0.0.0", 8080, DEFAULT_MAX_BODY_BYTES);
    }
}
