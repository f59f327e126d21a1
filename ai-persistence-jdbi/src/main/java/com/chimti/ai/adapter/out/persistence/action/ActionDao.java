package com.chimti.ai.adapter.out.persistence.action;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ActionRow.class)
interface ActionDao {
    String COLUMNS = "id, chat_id, client_id, user_id, action_type, status, input, result, created_at, completed_at";

    @SqlUpdate("INSERT INTO ai_actions (" + COLUMNS + ") VALUES (:id, :chatId, :clientId, :userId, :actionType,"
            + " :status, CAST(:input AS jsonb), CAST(:result AS jsonb), :createdAt, :completedAt)")
    void insert(@BindMap Map<String, Object> row);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_actions WHERE id = :id AND client_id IS NOT NULL")
    Optional<ActionRow> findById(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_actions WHERE client_id = :clientId AND user_id = :userId"
            + " AND (CAST(:chatId AS text) IS NULL OR chat_id = :chatId) ORDER BY created_at DESC, id DESC")
    List<ActionRow> findByOwner(@Bind("clientId") String clientId, @Bind("userId") String userId,
                                @Bind("chatId") String chatId);

    /** Compare-and-set on the status: of two concurrent transitions from the same state only one matches. */
    @SqlUpdate("UPDATE ai_actions SET status = :status, input = CAST(:input AS jsonb),"
            + " result = CAST(:result AS jsonb), completed_at = :completedAt"
            + " WHERE id = :id AND status = :expected")
    int transition(@BindMap Map<String, Object> row, @Bind("expected") String expected);
}
