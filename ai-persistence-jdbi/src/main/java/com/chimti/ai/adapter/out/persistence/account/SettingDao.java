package com.chimti.ai.adapter.out.persistence.account;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(SettingRow.class)
interface SettingDao {
    String COLUMNS = "client_id, user_id, provider, model, profile_id, status, created_at, updated_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_settings"
            + " WHERE client_id = :clientId AND user_id = :userId AND provider = :provider")
    Optional<SettingRow> find(@Bind("clientId") String clientId, @Bind("userId") String userId,
                              @Bind("provider") String provider);

    /** One statement, so two concurrent first saves cannot both insert. */
    @SqlUpdate("INSERT INTO ai_settings (" + COLUMNS + ") VALUES (:clientId, :userId, :provider, :model, :profileId,"
            + " :status, :createdAt, :updatedAt)"
            + " ON CONFLICT (client_id, user_id, provider) DO UPDATE SET model = excluded.model,"
            + " profile_id = excluded.profile_id, status = excluded.status,"
            + " created_at = excluded.created_at, updated_at = excluded.updated_at")
    void upsert(@BindMap Map<String, Object> row);
}
