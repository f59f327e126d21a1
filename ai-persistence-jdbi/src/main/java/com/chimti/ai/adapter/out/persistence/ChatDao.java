package com.chimti.ai.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(ChatRow.Mapper.class)
interface ChatDao {
    String COLUMNS = "id, user_id, client_id, brand_id, location_id, title, provider, model, created_at, updated_at";
    String OWNER = "user_id = :userId AND client_id = :clientId"
            + " AND (CAST(:brandId AS text) IS NULL OR brand_id = :brandId)";
    String NEWEST_FIRST = " ORDER BY updated_at DESC, id DESC LIMIT :limit";

    @SqlUpdate("INSERT INTO ai_chats (" + COLUMNS + ") VALUES (:id, :userId, :clientId, :brandId, :locationId,"
            + " :title, :provider, :model, :createdAt, :updatedAt)")
    void insert(@BindMap Map<String, Object> row);

    @SqlUpdate("UPDATE ai_chats SET title = :title, model = :model, updated_at = :updatedAt WHERE id = :id")
    int update(@BindMap Map<String, Object> row);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_chats WHERE id = :id")
    Optional<ChatRow> findById(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_chats WHERE " + OWNER + NEWEST_FIRST)
    List<ChatRow> firstPage(@Bind("userId") String userId, @Bind("clientId") String clientId,
                            @Bind("brandId") String brandId, @Bind("limit") int limit);

    /** The row comparison walks the (user_id, client_id, updated_at DESC, id DESC) index from the cursor on. */
    @SqlQuery("SELECT " + COLUMNS + " FROM ai_chats WHERE " + OWNER
            + " AND (updated_at, id) < (:afterAt, :afterId)" + NEWEST_FIRST)
    List<ChatRow> pageAfter(@Bind("userId") String userId, @Bind("clientId") String clientId,
                            @Bind("brandId") String brandId, @Bind("afterAt") Instant afterAt,
                            @Bind("afterId") String afterId, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM ai_chats WHERE id = :id")
    int delete(@Bind("id") String id);
}
