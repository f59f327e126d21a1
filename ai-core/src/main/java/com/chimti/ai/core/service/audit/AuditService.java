package com.chimti.ai.core.service.audit;

import com.chimti.ai.core.domain.ReportRange;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditFilter;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.AuditQuery;
import com.chimti.ai.core.port.in.ReadAudit;
import com.chimti.ai.core.port.out.AuditTrail;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;

/**
 * Reading the audit trail. A platform admin reads any client's events (their own client unless they name
 * another). A brand superadmin or admin reads their own client's events of the brands in their scope plus the
 * events that belong to no brand (logins, model changes, client-wallet top-ups of their client's users): those
 * concern the whole client, and leaving them out would hide the sign-ins of the people whose actions they review.
 * Everyone else is refused. The role decides, not the AI module: reading the trail is an operator's task.
 */
public final class AuditService implements ReadAudit {
    private final AuditTrail trail;
    private final Clock clock;

    public AuditService(AuditTrail trail, Clock clock) {
        this.trail = Objects.requireNonNull(trail, "trail");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Page<AuditEvent> events(AuditQuery query) {
        Caller caller = query.caller();
        ClientId clientId = query.clientId() == null ? caller.clientId() : query.clientId();
        Set<BrandId> brands;
        if (caller.hasRole(Role.PLATFORM_ADMIN)) {
            brands = null; // every event of any client
        } else if (caller.isBrandAdmin()) {
            if (!clientId.equals(caller.clientId())) {
                throw new OutOfScopeException("brand admins read their own client's audit trail only");
            }
            brands = caller.brandIds();
        } else {
            throw new OutOfScopeException("only platform and brand admins may read the audit trail");
        }
        ReportRange range = ReportRange.resolve(query.from(), query.to(), clock);
        return trail.find(new AuditFilter(clientId, range.from(), range.to(), query.type(), query.userId(), brands),
                query.page());
    }
}
