package com.chimti.ai.app.tracing;

import com.chimti.ai.app.AppConfig;
import com.chimti.ai.app.ConfigException;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The server's OpenTelemetry: a no-op unless the {@code OTEL_*} variables turn tracing on (see
 * {@link AppConfig.Telemetry#enabled()}); then the SDK's autoconfigure builds it from those variables (exporter,
 * endpoint, sampler, resource...). Only traces are exported: metrics stay on {@code /metrics} and logs on
 * stdout unless {@code OTEL_METRICS_EXPORTER} / {@code OTEL_LOGS_EXPORTER} say otherwise.
 */
public final class Tracing implements AutoCloseable {
    static final String INSTRUMENTATION = "com.chimti.ai";

    private final OpenTelemetry openTelemetry;
    private final OpenTelemetrySdk sdk;

    private Tracing(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk) {
        this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
        this.sdk = sdk;
    }

    /** Starts the SDK when the configuration turns tracing on; else a no-op that starts nothing. */
    public static Tracing start(AppConfig.Telemetry telemetry) {
        if (!telemetry.enabled()) {
            return new Tracing(OpenTelemetry.noop(), null);
        }
        Map<String, String> properties = new HashMap<>();
        properties.put("otel.service.name", "chimti-ai");
        properties.put("otel.metrics.exporter", "none");
        properties.put("otel.logs.exporter", "none");
        // the JDK sender ships, which speaks OTLP over HTTP only (the SDK's own default is gRPC)
        properties.put("otel.exporter.otlp.protocol", "http/protobuf");
        // OTEL_TRACES_EXPORTER -> otel.traces.exporter, the SDK's property form of the same variable
        telemetry.otel().forEach((name, value) ->
                properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
        try {
            OpenTelemetrySdk sdk = AutoConfiguredOpenTelemetrySdk.builder()
                    .addPropertiesSupplier(() -> properties)
                    .disableShutdownHook() // the server's own shutdown flushes it, after the last turn ended
                    .build()
                    .getOpenTelemetrySdk();
            return new Tracing(sdk, sdk);
        } catch (ConfigurationException bad) {
            throw new ConfigException("the OTEL_* variables are not valid: " + safeMessage(bad));
        }
    }

    /** The SDK's reason, unless it could quote a header value (collector credentials). */
    private static String safeMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (message == null || message.toLowerCase(Locale.ROOT).contains("header")) {
            return "see the OpenTelemetry SDK configuration (" + root.getClass().getSimpleName() + ")";
        }
        return message;
    }

    /** Whether an SDK was started from the configuration. */
    public boolean sdkStarted() {
        return sdk != null;
    }

    public Tracer tracer() {
        return openTelemetry.getTracer(INSTRUMENTATION);
    }

    /** Exports what is buffered and stops the SDK (at most a few seconds). */
    @Override
    public void close() {
        if (sdk != null) {
            sdk.shutdown().join(5, TimeUnit.SECONDS);
        }
    }
}
