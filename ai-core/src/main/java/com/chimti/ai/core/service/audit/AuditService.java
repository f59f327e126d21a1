package com.chimti.ai.core.service.audit;

import com.chimti.ai.core.domain.ValidationException;
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
import java.time.Duration;
import java.time.Instant;
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
    public static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    public static final Duration MAX_RANGE = Duration.ofDays(366);

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
        Instant to = query.to() != null ? query.to()
                : query.from() != null ? query.from().plus(DEFAULT_RANGE) : clock.instant();
        Instant from = query.from() != null ? query.from() : to.minus(DEFAULT_RANGE);
        if (!from.isBefore(to)) {
            throw new ValidationException("from must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new ValidationException("the range may span at most " + MAX_RANGE.toDays() + " days");
        }
        return trail.find(new AuditFilter(clientId, from, to, query.type(), query.userId(), brands), query.page());
    }
}
