package com.chimti.ai.adapter.out.persistence;

import java.util.Map;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface ChatDao {
    String COLUMNS = "id, user_id, client_id, brand_id, location_id, title, provider, model, created_at, updated_at";

    @SqlUpdate("INSERT INTO ai_chats (" + COLUMNS + ") VALUES (:id, :userId, :clientId, :brandId, :locationId,"
            + " :title, :provider, :model, :createdAt, :updatedAt)")
    void insert(@BindMap Map<String, Object> row);

    @SqlUpdate("UPDATE ai_chats SET title = :title, model = :model, updated_at = :updatedAt WHERE id = :id")
    int update(@BindMap Map<String, Object> row);

    @SqlUpdate("DELETE FROM ai_chats WHERE id = :id")
    int delete(@Bind("id") String id);
}
