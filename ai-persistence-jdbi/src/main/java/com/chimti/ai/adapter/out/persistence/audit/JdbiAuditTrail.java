package com.chimti.ai.adapter.out.persistence.audit;

import com.chimti.ai.adapter.out.persistence.sql.Json;
import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.port.out.AuditTrail;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/** {@code ai_audit_events}: inserts only (a trigger refuses updates and deletes). */
public final class JdbiAuditTrail implements AuditTrail {
    private final AuditDao dao;

    public JdbiAuditTrail(Jdbi jdbi) {
        this.dao = jdbi.onDemand(AuditDao.class);
    }

    @Override
    public void record(AuditEvent event) {
        dao.insert(event.id(), Times.micros(event.at()), event.type().name(), event.clientId().value(),
                text(event.brandId()), text(event.actor()), text(event.subject()), text(event.requestId()),
                Json.write(new TreeMap<>(event.details())));
    }

    private static String text(Object id) {
        return id == null ? null : Objects.toString(id);
    }
}
