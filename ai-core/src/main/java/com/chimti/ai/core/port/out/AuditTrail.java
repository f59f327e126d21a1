package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditFilter;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageRequest;

/**
 * The append-only record of security-relevant events (logins, model changes, action decisions, top-ups,
 * erasures). Nothing is ever updated or deleted, an erasure included: events carry ids and metadata, no content.
 */
public interface AuditTrail {

    void record(AuditEvent event);

    /** The events {@code filter} lets through, newest first ({@code PageOrder.NEWEST_FIRST} by (at, id)). */
    Page<AuditEvent> find(AuditFilter filter, PageRequest page);
}
