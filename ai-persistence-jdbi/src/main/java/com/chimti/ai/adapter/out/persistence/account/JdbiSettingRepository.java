package com.chimti.ai.adapter.out.persistence.account;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.core.domain.account.AiSetting;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.SettingRepository;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

public final class JdbiSettingRepository implements SettingRepository {
    private final SettingDao dao;

    public JdbiSettingRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(SettingDao.class);
    }

    @Override
    public Optional<AiSetting> find(TenantUser owner, ProviderId provider) {
        return dao.find(owner.clientId().value(), owner.userId().value(), provider.value()).map(SettingRow::toDomain);
    }

    @Override
    public void save(AiSetting setting) {
        dao.upsert(Rows.bindings(SettingRow.of(setting)));
    }
}
