package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.AiSetting;
import com.chimti.ai.core.domain.ProviderId;
import com.chimti.ai.core.domain.TenantUser;
import java.util.Optional;

public interface SettingRepository {

    Optional<AiSetting> find(TenantUser owner, ProviderId provider);

    /** Inserts or replaces the user's setting for that provider. */
    void save(AiSetting setting);
}
