package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.core.domain.AiSetting;
import com.chimti.ai.core.domain.ProviderId;
import com.chimti.ai.core.domain.UserId;
import com.chimti.ai.core.port.out.SettingRepository;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

final class JdbiSettingRepository implements SettingRepository {
    private final SettingDao dao;

    JdbiSettingRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(SettingDao.class);
    }

    @Override
    public Optional<AiSetting> find(UserId userId, ProviderId provider) {
        return dao.find(userId.value(), provider.value()).map(SettingRow::toDomain);
    }

    @Override
    public void save(AiSetting setting) {
        dao.upsert(Rows.bindings(SettingRow.of(setting)));
    }
}
