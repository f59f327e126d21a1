package com.chimti.ai.adapter.out.persistence;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMap;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ArtifactRow.class)
interface ArtifactDao {
    String COLUMNS = "id, user_id, chat_id, type, title, storage_path, mime_type, metadata, created_at";

    @SqlUpdate("INSERT INTO ai_artifacts (" + COLUMNS + ") VALUES (:id, :userId, :chatId, :type, :title,"
            + " :storagePath, :mimeType, CAST(:metadata AS jsonb), :createdAt)")
    void insert(@BindMap Map<String, Object> row);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_artifacts WHERE id = :id")
    Optional<ArtifactRow> findById(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_artifacts WHERE user_id = :userId ORDER BY created_at DESC, id DESC")
    List<ArtifactRow> findByUser(@Bind("userId") String userId);
}
