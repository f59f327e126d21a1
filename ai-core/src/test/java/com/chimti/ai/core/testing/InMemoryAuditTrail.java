package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.audit.AuditEvent;
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

    public List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
