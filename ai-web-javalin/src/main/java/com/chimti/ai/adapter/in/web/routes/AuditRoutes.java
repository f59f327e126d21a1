package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.get;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.ApiProblem;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.view.PageView;
import com.chimti.ai.adapter.in.web.view.Views;
import com.chimti.ai.core.domain.audit.AuditEvent;
import com.chimti.ai.core.domain.audit.AuditEventType;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.in.AuditQuery;
import com.chimti.ai.core.port.in.ReadAudit;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code GET /v1/ai/admin/audit?clientId=&from=&to=&type=&userId=&limit=&cursor=}: a client's audit trail, newest
 * first, in cursor pages. Who may read which events is the core's rule ({@code ReadAudit}).
 */
public final class AuditRoutes {
    record EventView(String id, Instant at, String type, String clientId, String brandId, String actorUserId,
                     String subjectUserId, String requestId, Map<String, String> details) {
        static EventView of(AuditEvent event) {
            return new EventView(event.id(), event.at(), event.type().name(), event.clientId().value(),
                    Views.text(event.brandId()), Views.text(event.actor()), Views.text(event.subject()),
                    Views.text(event.requestId()), event.details());
        }
    }

    private final ReadAudit audit;

    public AuditRoutes(ReadAudit audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public EndpointGroup endpoints() {
        return () -> get("/v1/ai/admin/audit", this::events);
    }

    void events(Context ctx) {
        AuditQuery query = new AuditQuery(Authentication.caller(ctx), Requests.clientId(ctx),
                Requests.instant(ctx, "from"), Requests.instant(ctx, "to"), type(ctx),
                optional(ctx, "userId", UserId::new), Requests.page(ctx));
        ctx.json(PageView.of(audit.events(query), EventView::of));
    }

    private static AuditEventType type(Context ctx) {
        String value = ctx.queryParam("type");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return AuditEventType.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw ApiProblem.invalid("type must be one of the audit event types, such as LOGIN_CONNECTED");
        }
    }

    private static <T> T optional(Context ctx, String name, Function<String, T> id) {
        String value = ctx.queryParam(name);
        return value == null || value.isBlank() ? null : id.apply(value.strip());
    }
}
