package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.audit.AuditFilter;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageOrder;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.port.out.AuditTrail;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The audit trail in a list, oldest first. */
public final class InMemoryAuditTrail implements AuditTrail {
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(AuditEvent event) {
        events.add(event);
    }

    @Override
    public Page<AuditEvent> find(AuditFilter filter, PageRequest page) {
        return PageOrder.NEWEST_FIRST.page(events.stream().filter(filter::matches).toList(), page,
                event -> new PageCursor(event.at(), event.id()));
    }

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /** The types recorded so far, oldest first. */
    public List<AuditEventType> types() {
        return events.stream().map(AuditEvent::type).toList();
    }
}
