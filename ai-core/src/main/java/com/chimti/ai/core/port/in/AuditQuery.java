package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.InstantRange;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A page of a client's audit trail, newest first. {@code clientId} null means the caller's own client;
 * {@code [from, to)} null bounds mean the last 30 days; {@code type} and {@code userId} narrow it.
 */
public record AuditQuery(Caller caller, ClientId clientId, Instant from, Instant to, AuditEventType type,
                         UserId userId, PageRequest page) {
    public AuditQuery {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(page, "page");
        InstantRange.require(from, "from");
        InstantRange.require(to, "to");
    }
}
