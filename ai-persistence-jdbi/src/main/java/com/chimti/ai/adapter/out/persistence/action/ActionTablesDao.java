package com.chimti.ai.adapter.out.persistence.action;

import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The tables the action handlers write: ai_task_notes and ai_message_drafts. */
@RegisterConstructorMapper(TaskNoteRow.class)
@RegisterConstructorMapper(MessageDraftRow.class)
interface ActionTablesDao {
    String NOTE_COLUMNS = "id, action_id, user_id, client_id, brand_id, location_id, chat_id, title, body, due_date,"
            + " created_at";
    String DRAFT_COLUMNS = "id, action_id, user_id, client_id, brand_id, location_id, chat_id, customer_name,"
            + " channel, body, created_at";

    @SqlUpdate("INSERT INTO ai_task_notes (" + NOTE_COLUMNS + ") VALUES (:id, :actionId, :userId, :clientId,"
            + " :brandId, :locationId, :chatId, :title, :body, :dueDate, :createdAt)")
    void insertNote(@BindMap Map<String, Object> row);

    @SqlQuery("SELECT " + NOTE_COLUMNS + " FROM ai_task_notes WHERE action_id = :actionId")
    Optional<TaskNoteRow> findNote(@Bind("actionId") String actionId);

    @SqlUpdate("INSERT INTO ai_message_drafts (" + DRAFT_COLUMNS + ") VALUES (:id, :actionId, :userId, :clientId,"
            + " :brandId, :locationId, :chatId, :customerName, :channel, :body, :createdAt)")
    void insertDraft(@BindMap Map<String, Object> row);

    @SqlQuery("SELECT " + DRAFT_COLUMNS + " FROM ai_message_drafts WHERE action_id = :actionId")
    Optional<MessageDraftRow> findDraft(@Bind("actionId") String actionId);
}
