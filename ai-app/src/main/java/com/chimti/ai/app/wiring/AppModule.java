package com.chimti.ai.app.wiring;

import com.chimti.ai.app.AppConfig;
import com.google.inject.AbstractModule;

/** The configuration and secrets everything else is built from. */
public final class AppModule extends AbstractModule {
    private final AppConfig config;
    private final ServerSecrets secrets;

    public AppModule(AppConfig config, ServerSecrets secrets) {
        this.config = config;
        this.secrets = secrets;
    }

    @Override
    protected void configure() {
        bind(AppConfig.class).toInstance(config);
        bind(ServerSecrets.class).toInstance(secrets);
    }
}
