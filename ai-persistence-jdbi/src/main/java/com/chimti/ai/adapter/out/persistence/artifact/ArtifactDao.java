package com.chimti.ai.adapter.out.persistence.artifact;

import java.time.Instant;
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
    String COLUMNS = "id, user_id, client_id, brand_id, chat_id, type, title, storage_path, mime_type, size_bytes,"
            + " metadata, created_at";

    @SqlUpdate("INSERT INTO ai_artifacts (" + COLUMNS + ") VALUES (:id, :userId, :clientId, :brandId, :chatId,"
            + " :type, :title, :storagePath, :mimeType, :sizeBytes, CAST(:metadata AS jsonb), :createdAt)")
    void insert(@BindMap Map<String, Object> row);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_artifacts WHERE id = :id")
    Optional<ArtifactRow> findById(@Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_artifacts WHERE client_id = :clientId AND user_id = :userId"
            + " AND (CAST(:chatId AS text) IS NULL OR chat_id = :chatId)"
            + " AND (CAST(:brandId AS text) IS NULL OR brand_id = :brandId)"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<ArtifactRow> findByOwner(@Bind("clientId") String clientId, @Bind("userId") String userId,
                                  @Bind("chatId") String chatId, @Bind("brandId") String brandId,
                                  @Bind("limit") int limit);

    @SqlQuery("SELECT " + COLUMNS + " FROM ai_artifacts WHERE client_id = :clientId AND brand_id = :brandId"
            + " AND (CAST(:chatId AS text) IS NULL OR chat_id = :chatId)"
            + " ORDER BY created_at DESC, id DESC LIMIT :limit")
    List<ArtifactRow> findByBrand(@Bind("clientId") String clientId, @Bind("brandId") String brandId,
                                  @Bind("chatId") String chatId, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM ai_artifacts WHERE id = :id")
    int delete(@Bind("id") String id);

    /**
     * The oldest records created before the cutoff, deleted; rows another sweep holds are skipped (not waited
     * for), so concurrent sweeps share the work without a conflict.
     */
    @SqlQuery("DELETE FROM ai_artifacts WHERE id IN (SELECT id FROM ai_artifacts WHERE created_at < :cutoff"
            + " ORDER BY created_at, id LIMIT :limit FOR UPDATE SKIP LOCKED) RETURNING storage_path")
    List<String> deleteCreatedBefore(@Bind("cutoff") Instant cutoff, @Bind("limit") int limit);
}
