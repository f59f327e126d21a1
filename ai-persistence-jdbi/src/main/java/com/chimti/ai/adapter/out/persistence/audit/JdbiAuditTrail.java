package com.chimti.ai.adapter.out.persistence.audit;

import com.chimti.ai.adapter.out.persistence.sql.Json;
import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditFilter;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.port.out.AuditTrail;
import java.util.Objects;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/** {@code ai_audit_events}: inserts only (a trigger refuses updates and deletes), and pages newest first. */
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

    @Override
    public Page<AuditEvent> find(AuditFilter filter, PageRequest page) {
        PageCursor after = page.cursor();
        String[] brands = filter.brands() == null ? new String[0]
                : filter.brands().stream().map(BrandId::value).sorted().toArray(String[]::new);
        return page.pageOf(dao.find(filter.clientId().value(), Times.micros(filter.from()),
                        Times.micros(filter.to()), filter.type() == null ? null : filter.type().name(),
                        text(filter.userId()), filter.brands() == null, brands,
                        after == null ? null : Times.micros(after.at()), after == null ? null : after.id(),
                        page.fetchSize())
                        .stream().map(AuditRow::toDomain).toList(),
                event -> new PageCursor(event.at(), event.id()));
    }

    private static String text(Object id) {
        return id == null ? null : Objects.toString(id);
    }
}
