package com.chimti.ai.app.wiring;

import com.chimti.ai.app.tracing.Tracing;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.opentelemetry.api.trace.Tracer;

/** The server's tracing (a no-op unless OTEL_* turns it on), started before wiring and closed by the server. */
public final class TracingModule extends AbstractModule {
    private final Tracing tracing;

    public TracingModule(Tracing tracing) {
        this.tracing = tracing;
    }

    @Override
    protected void configure() {
        bind(Tracing.class).toInstance(tracing);
    }

    @Provides
    Tracer tracer() {
        return tracing.tracer();
    }
}
