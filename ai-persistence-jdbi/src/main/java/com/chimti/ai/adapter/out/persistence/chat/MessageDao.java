package com.chimti.ai.adapter.out.persistence.chat;

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

    @SqlUpdate("INSERT INTO ai_messages (" + COLUMNS + ") VALUES (:id, :chatId, :role, :content, :provider,"
            + " :model, CAST(:metadata AS jsonb), :createdAt)")
    void insert(@BindMap Map<String, Object> row);

    /** The newest rows by a backward index scan, then put back in reading order. */
    @SqlQuery("SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + " FROM ai_messages WHERE chat_id = :chatId"
            + " ORDER BY created_at DESC, id DESC LIMIT :count) AS newest ORDER BY created_at, id")
    List<MessageRow> latest(@Bind("chatId") String chatId, @Bind("count") int count);
}
