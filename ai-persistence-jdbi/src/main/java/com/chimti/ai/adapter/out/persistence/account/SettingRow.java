package com.chimti.ai.adapter.out.persistence.account;

import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.account.AiSetting;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;

/** One ai_settings row. */
record SettingRow(String clientId, String userId, String provider, String model, String profileId, String status,
                  Instant createdAt, Instant updatedAt) {

    static SettingRow of(AiSetting setting) {
        return new SettingRow(setting.owner().clientId().value(), setting.owner().userId().value(),
                setting.provider().value(), setting.model(),
                setting.profileId(), setting.status(), Times.micros(setting.createdAt()),
                Times.micros(setting.updatedAt()));
    }

    AiSetting toDomain() {
        return new AiSetting(new TenantUser(new ClientId(clientId), new UserId(userId)), new ProviderId(provider),
                model, profileId, status,
                createdAt, updatedAt);
    }
}
