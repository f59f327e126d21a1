package com.chimti.ai.adapter.out.persistence.audit;

import com.chimti.ai.adapter.out.persistence.sql.Json;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.RequestId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One ai_audit_events row; {@code details} is the jsonb as text. */
record AuditRow(String id, Instant at, String type, String clientId, String brandId, String actorUserId,
                String subjectUserId, String requestId, String details) {

    AuditEvent toDomain() {
        Map<String, String> detailMap = new TreeMap<>();
        Json.read(details).forEach((key, value) -> detailMap.put(key, String.valueOf(value)));
        return new AuditEvent(id, at, AuditEventType.valueOf(type), new ClientId(clientId),
                brandId == null ? null : new BrandId(brandId), actorUserId == null ? null : new UserId(actorUserId),
                subjectUserId == null ? null : new UserId(subjectUserId),
                requestId == null ? null : new RequestId(requestId), detailMap);
    }
}
