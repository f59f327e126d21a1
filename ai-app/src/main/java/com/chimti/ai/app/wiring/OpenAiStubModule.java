package com.chimti.ai.app.wiring;

import com.chimti.ai.adapter.out.openaistub.OpenAiStubAccounts;
import com.chimti.ai.adapter.out.openaistub.OpenAiStubProvider;
import com.chimti.ai.app.AppConfig;
import com.chimti.ai.core.port.out.AiAccounts;
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
        Multibinder.newSetBinder(binder(), AiAccounts.class).addBinding().to(OpenAiStubAccounts.class);
    }

    @Provides
    @Singleton
    OpenAiStubProvider.StubSettings stubSettings(AppConfig config) {
        return new OpenAiStubProvider.StubSettings(config.stub().deltaDelay(), config.codex().loginExpiry());
    }

    @Provides
    @Singleton
    OpenAiStubProvider stubProvider(OpenAiStubProvider.StubSettings settings, Clock clock) {
        return new OpenAiStubProvider(settings, clock);
    }

    @Provides
    @Singleton
    OpenAiStubAccounts stubAccounts(OpenAiStubProvider.StubSettings settings, Clock clock) {
        return new OpenAiStubAccounts(settings, clock);
    }
}
