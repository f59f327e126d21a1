package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.account.AiSetting;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.util.Optional;

public interface SettingRepository {

    Optional<AiSetting> find(TenantUser owner, ProviderId provider);

    /** Inserts or replaces the user's setting for that provider. */
    void save(AiSetting setting);
}
