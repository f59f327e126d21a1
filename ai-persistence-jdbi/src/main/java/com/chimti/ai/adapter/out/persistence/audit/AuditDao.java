package com.chimti.ai.adapter.out.persistence.audit;

import java.time.Instant;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface AuditDao {

    @SqlUpdate("INSERT INTO ai_audit_events (id, at, type, client_id, brand_id, actor_user_id, subject_user_id,"
            + " request_id, details) VALUES (:id, :at, :type, :clientId, :brandId, :actor, :subject, :requestId,"
            + " CAST(:details AS jsonb))")
    void insert(@Bind("id") String id, @Bind("at") Instant at, @Bind("type") String type,
                @Bind("clientId") String clientId, @Bind("brandId") String brandId, @Bind("actor") String actor,
                @Bind("subject") String subject, @Bind("requestId") String requestId,
                @Bind("details") String details);
}
