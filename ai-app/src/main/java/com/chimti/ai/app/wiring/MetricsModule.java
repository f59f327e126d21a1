package com.chimti.ai.app.wiring;

import com.chimti.ai.app.metrics.MetricsRoutes;
import com.chimti.ai.app.metrics.ServerMetrics;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** Micrometer with a Prometheus registry; providers are metered in CoreModule, streams in WebModule. */
public final class MetricsModule extends AbstractModule {

    @Provides
    @Singleton
    ServerMetrics serverMetrics() {
        return new ServerMetrics();
    }

    @Provides
    PrometheusMeterRegistry prometheusRegistry(ServerMetrics metrics) {
        return metrics.registry();
    }

    @Provides
    MeterRegistry meterRegistry(ServerMetrics metrics) {
        return metrics.registry();
    }

    @Provides
    @Singleton
    MetricsRoutes metricsRoutes(PrometheusMeterRegistry registry) {
        return new MetricsRoutes(registry);
    }
}
