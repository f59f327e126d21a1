package com.chimti.ai.app.wiring;

import com.chimti.ai.app.AppConfig;
import com.chimti.ai.core.domain.context.BusinessDirectory;
import com.chimti.ai.core.domain.skill.SkillCatalog;
import com.google.inject.AbstractModule;

/**
 * The configuration, secrets, skills allowlist and context names everything else is built from, all read before
 * wiring.
 */
public final class AppModule extends AbstractModule {
    private final AppConfig config;
    private final ServerSecrets secrets;
    private final SkillCatalog skills;
    private final BusinessDirectory contextNames;

    /** {@code contextNames}: the names the context shows next to the caller's ids (AI_BUSINESS_CONTEXT_NAMES_FILE). */
    public AppModule(AppConfig config, ServerSecrets secrets, SkillCatalog skills, BusinessDirectory contextNames) {
        this.config = config;
        this.secrets = secrets;
        this.skills = skills;
        this.contextNames = contextNames;
    }

    @Override
    protected void configure() {
        bind(AppConfig.class).toInstance(config);
        bind(ServerSecrets.class).toInstance(secrets);
        bind(SkillCatalog.class).toInstance(skills);
        bind(BusinessDirectory.class).toInstance(contextNames);
    }
}
