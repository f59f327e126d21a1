package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.audit.AuditEvent;

/**
 * The append-only record of security-relevant events (logins, model changes, action decisions, top-ups,
 * erasures). Nothing is ever updated or deleted, an erasure included: events carry ids and metadata, no content.
 */
public interface AuditTrail {

    void record(AuditEvent event);
}
