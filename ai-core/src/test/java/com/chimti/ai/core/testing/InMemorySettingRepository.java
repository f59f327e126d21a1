package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.AiSetting;
import com.chimti.ai.core.domain.ProviderId;
import com.chimti.ai.core.domain.UserId;
import com.chimti.ai.core.port.out.SettingRepository;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemorySettingRepository implements SettingRepository {
    private final Map<String, AiSetting> settings = new ConcurrentHashMap<>();

    @Override
    public Optional<AiSetting> find(UserId userId, ProviderId provider) {
        return Optional.ofNullable(settings.get(userId + "/" + provider));
    }

    @Override
    public void save(AiSetting setting) {
        settings.put(setting.userId() + "/" + setting.provider(), setting);
    }
}
