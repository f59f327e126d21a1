package com.chimti.ai.app.wiring;

import com.chimti.ai.adapter.out.openaistub.OpenAiStubProvider;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.core.port.out.AiProvider;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.time.Clock;

/** Adds the deterministic offline provider. */
public final class OpenAiStubModule extends AbstractModule {

    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), AiProvider.class).addBinding().to(OpenAiStubProvider.class);
    }

    @Provides
    @Singleton
    OpenAiStubProvider stubProvider(AppConfig config, Clock clock) {
        return new OpenAiStubProvider(new OpenAiStubProvider.StubSettings(config.stub().deltaDelay(),
                config.codex().loginExpiry()), clock);
    }
}
