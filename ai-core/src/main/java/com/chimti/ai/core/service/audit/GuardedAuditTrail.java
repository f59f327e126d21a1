package com.chimti.ai.core.service.audit;

import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.audit.AuditFilter;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.port.out.AuditTrail;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The audit trail as the services write it: an event is recorded after the change it describes succeeded, so a
 * write that fails cannot undo that change, and failing the caller's request would only make them retry what
 * already happened. The failure is logged (the event's type and id and the exception's class, no details) and
 * handed to {@code onFailure} to be counted. Reads are not guarded: a failed read is the reader's error.
 */
public final class GuardedAuditTrail implements AuditTrail {
    private static final System.Logger LOG = System.getLogger(GuardedAuditTrail.class.getName());

    private final AuditTrail trail;
    private final Consumer<AuditEventType> onFailure;

    public GuardedAuditTrail(AuditTrail trail, Consumer<AuditEventType> onFailure) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    @Override
    public void record(AuditEvent event) {
        try {
            trail.record(event);
        } catch (RuntimeException failed) {
            LOG.log(System.Logger.Level.ERROR, "audit event {0} {1} was not written: {2}", event.type(), event.id(),
                    failed.getClass().getName());
            try {
                onFailure.accept(event.type());
            } catch (RuntimeException ignored) {
                // counting is best effort too
            }
        }
    }

    @Override
    public Page<AuditEvent> find(AuditFilter filter, PageRequest page) {
        return trail.find(filter, page);
    }
}
