package com.chimti.ai.app.metrics;

import com.chimti.ai.adapter.in.web.RequestObserver;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * {@code http_server_requests_seconds} by method, route template ({@code uri}), status and outcome, the names
 * Micrometer's own HTTP binders use, so standard dashboards work. The route is a template such as
 * {@code /v1/ai/chats/{chatId}}, never a raw path: no ids in labels, and a bounded number of series.
 * (Micrometer's Jetty 12 binder works below Javalin and cannot see route templates, hence this observer of the
 * web adapter's answers.)
 */
public final class HttpRequestMetrics implements RequestObserver {
    static final String REQUESTS = "http.server.requests";
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    /** The {@code uri} of a request no route matched or that was refused before routing (401, 413). */
    static final String UNMATCHED = "UNMATCHED";

    private final Meter.MeterProvider<Timer> timers;

    public HttpRequestMetrics(MeterRegistry registry) {
        // built once: each request only picks the timer of its tags
        this.timers = Timer.builder(REQUESTS)
                .description("HTTP requests served, by method, route template and status")
                .withRegistry(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public Observation begin(String method, String requestId) {
        long started = System.nanoTime();
        return (route, status) -> timers.withTags("method", METHODS.contains(method) ? method : "OTHER",
                        "uri", route == null ? UNMATCHED : route, "status", Integer.toString(status),
                        "outcome", outcome(status))
                .record(Duration.ofNanos(System.nanoTime() - started));
    }

    static String outcome(int status) {
        if (status >= 500) {
            return "SERVER_ERROR";
        }
        if (status >= 400) {
            return "CLIENT_ERROR";
        }
        if (status >= 300) {
            return "REDIRECTION";
        }
        return status >= 200 ? "SUCCESS" : "INFORMATIONAL";
    }
}
