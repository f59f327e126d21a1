package com.chimti.ai.core.domain.audit;

import com.chimti.ai.core.domain.TimeOrderedIds;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.RequestId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One security-relevant event: what happened, when, in which client (and brand), who did it ({@code actor}, null
 * for the server itself), whom it concerned ({@code subject}, when another user) and the request it came with.
 * {@code details} are metadata only (ids, a model name, an amount): short single-line values, never secrets or
 * message text.
 */
public record AuditEvent(String id, Instant at, AuditEventType type, ClientId clientId, BrandId brandId,
                         UserId actor, UserId subject, RequestId requestId, Map<String, String> details) {
    public static final int MAX_DETAILS = 16;
    public static final int MAX_DETAIL_LENGTH = 200;
    private static final Pattern KEY = Pattern.compile("[a-z][A-Za-z0-9]{0,39}");

    public AuditEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(clientId, "clientId");
        details = Map.copyOf(new TreeMap<>(Objects.requireNonNull(details, "details")));
        if (details.size() > MAX_DETAILS) {
            throw new IllegalArgumentException("at most " + MAX_DETAILS + " audit details");
        }
        details.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("an audit detail key is a short camelCase name");
            }
            if (value.length() > MAX_DETAIL_LENGTH || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("an audit detail is one short line");
            }
        });
    }

    /** An event done by {@code caller} in their own client, within their request. */
    public static AuditEvent by(Caller caller, AuditEventType type, BrandId brandId, Map<String, String> details,
                                Instant at) {
        return new AuditEvent(TimeOrderedIds.next(), at, type, caller.clientId(), brandId, caller.userId(), null,
                caller.requestId(), details);
    }
}
