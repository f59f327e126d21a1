package com.chimti.ai.app.wiring;

import com.chimti.ai.app.AppConfig;
import com.chimti.ai.core.domain.skill.SkillCatalog;
import com.google.inject.AbstractModule;

/** The configuration, secrets and skills allowlist everything else is built from, all read before wiring. */
public final class AppModule extends AbstractModule {
    private final AppConfig config;
    private final ServerSecrets secrets;
    private final SkillCatalog skills;

    public AppModule(AppConfig config, ServerSecrets secrets, SkillCatalog skills) {
        this.config = config;
        this.secrets = secrets;
        this.skills = skills;
    }

    @Override
    protected void configure() {
        bind(AppConfig.class).toInstance(config);
        bind(ServerSecrets.class).toInstance(secrets);
        bind(SkillCatalog.class).toInstance(skills);
    }
}
