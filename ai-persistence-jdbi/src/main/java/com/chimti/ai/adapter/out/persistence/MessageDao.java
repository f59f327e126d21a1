package com.chimti.ai.adapter.out.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(MessageRow.Mapper.class)
interface MessageDao {
    String COLUMNS = "id, chat_id, role, content, provider, model, metadata, created_at";
    String OLDEST_FIRST = " ORDER BY created_at, id LIMIT :limit";

    @SqlUpdate("INSERT INTO ai_messages (" + COLUMNS + ") VALUES (:id, :chatId, :role, :content, :provider,"
            + " :model, CAST(:metadata AS jsonb), :createdAt)")
    void insert(@BindMap Map<String, Object> row);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_messages WHERE chat_id = :chatId" + OLDEST_FIRST)
    List<MessageRow> firstPage(@Bind("chatId") String chatId, @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_messages WHERE chat_id = :chatId"
            + " AND (created_at, id) > (:afterAt, :afterId)" + OLDEST_FIRST)
    List<MessageRow> pageAfter(@Bind("chatId") String chatId, @Bind("afterAt") Instant afterAt,
                               @Bind("afterId") String afterId, @Bind("limit") int limit);

    /** The newest rows by a backward index scan, then put back in reading order. */
    @SqlQuery("SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM ai_messages WHERE chat_id = :chatId"
            + " ORDER BY created_at DESC, id DESC LIMIT :count) AS newest ORDER BY created_at, id")
    List<MessageRow> latest(@Bind("chatId") String chatId, @Bind("count") int count);
}
