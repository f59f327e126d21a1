package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.paging.Page;

/** The audit trail for operators: platform admins for any client, brand admins for their brands. */
public interface ReadAudit {
    Page<AuditEvent> events(AuditQuery query);
}
