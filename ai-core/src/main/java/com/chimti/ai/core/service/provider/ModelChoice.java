package com.chimti.ai.core.service.provider;

import com.chimti.ai.core.domain.account.AiSetting;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.SettingRepository;

/** The model a user (in one client) works with on a provider: their stored choice, else the provider's default. */
public final class ModelChoice {
    private final SettingRepository settings;

    public ModelChoice(SettingRepository settings) {
        this.settings = settings;
    }

    public String currentModel(TenantUser user, AiProvider provider) {
        return settings.find(user, provider.id())
                .map(AiSetting::model)
                .filter(model -> model != null && !model.isBlank())
                .orElse(provider.defaultModel());
    }
}
