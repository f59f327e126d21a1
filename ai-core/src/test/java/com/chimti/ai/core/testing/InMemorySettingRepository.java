package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.account.AiSetting;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.SettingRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySettingRepository implements SettingRepository {
    private final Map<List<Object>, AiSetting> settings = new ConcurrentHashMap<>();

    @Override
    public Optional<AiSetting> find(TenantUser owner, ProviderId provider) {
        return Optional.ofNullable(settings.get(List.of(owner, provider)));
    }

    @Override
    public void save(AiSetting setting) {
        settings.put(List.of(setting.owner(), setting.provider()), setting);
    }
}
