package com.chimti.ai.adapter.out.persistence.chat;

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

    /** A turn's answer moves the chat up the list; never back, and title or model are left alone. */
    @SqlUpdate("UPDATE ai_chats SET updated_at = GREATEST(updated_at, :at) WHERE id = :id")
    int touch(@Bind("id") String id, @Bind("at") java.time.Instant at);

    @SqlUpdate("DELETE FROM ai_chats WHERE id = :id")
    int delete(@Bind("id") String id);
}
