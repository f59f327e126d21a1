package com.chimti.ai.core.domain.audit;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Which events of one client a reader gets: {@code [from, to)}, optionally one {@code type} and one user (as the
 * actor or the subject). {@code brands} null means every event; otherwise the events of those brands and the
 * events that belong to no brand (logins, model changes, client wallets).
 */
public record AuditFilter(ClientId clientId, Instant from, Instant to, AuditEventType type, UserId userId,
                          Set<BrandId> brands) {
    public AuditFilter {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        brands = brands == null ? null : Set.copyOf(brands);
    }

    /** Whether {@code event} passes this filter (the in-memory form of the store's query). */
    public boolean matches(AuditEvent event) {
        return event.clientId().equals(clientId)
                && !event.at().isBefore(from) && event.at().isBefore(to)
                && (type == null || event.type() == type)
                && (userId == null || userId.equals(event.actor()) || userId.equals(event.subject()))
                && (brands == null || event.brandId() == null || brands.contains(event.brandId()));
    }
}
