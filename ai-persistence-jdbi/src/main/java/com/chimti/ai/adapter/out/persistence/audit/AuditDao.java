package com.chimti.ai.adapter.out.persistence.audit;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(AuditRow.class)
interface AuditDao {

    @SqlUpdate("INSERT INTO ai_audit_events (id, at, type, client_id, brand_id, actor_user_id, subject_user_id,"
            + " request_id, details) VALUES (:id, :at, :type, :clientId, :brandId, :actor, :subject, :requestId,"
            + " CAST(:details AS jsonb))")
    void insert(@Bind("id") String id, @Bind("at") Instant at, @Bind("type") String type,
                @Bind("clientId") String clientId, @Bind("brandId") String brandId, @Bind("actor") String actor,
                @Bind("subject") String subject, @Bind("requestId") String requestId,
                @Bind("details") String details);

    /**
     * A page newest first, on the (client_id, at DESC, id DESC) index; the row comparison starts past the cursor,
     * the id breaking ties between equal instants. {@code allBrands} false keeps the named brands and the events
     * of no brand.
     */
    @SqlQuery("SELECT id, at, type, client_id, brand_id, actor_user_id, subject_user_id, request_id,"
            + " CAST(details AS text) AS details FROM ai_audit_events"
            + " WHERE client_id = :clientId AND at >= :from AND at < :to"
            + " AND (CAST(:type AS text) IS NULL OR type = :type)"
            + " AND (CAST(:userId AS text) IS NULL OR actor_user_id = :userId OR subject_user_id = :userId)"
            + " AND (:allBrands OR brand_id IS NULL OR brand_id = ANY(:brands))"
            + " AND (CAST(:afterAt AS timestamptz) IS NULL OR (at, id) < (:afterAt, :afterId))"
            + " ORDER BY at DESC, id DESC LIMIT :limit")
    List<AuditRow> find(@Bind("clientId") String clientId, @Bind("from") Instant from, @Bind("to") Instant to,
                        @Bind("type") String type, @Bind("userId") String userId,
                        @Bind("allBrands") boolean allBrands, @Bind("brands") String[] brands,
                        @Bind("afterAt") Instant afterAt, @Bind("afterId") String afterId, @Bind("limit") int limit);
}
