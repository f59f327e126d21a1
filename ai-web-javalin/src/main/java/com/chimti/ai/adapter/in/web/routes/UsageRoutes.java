package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.get;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.view.Views;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.port.in.ReadUsage;
import com.chimti.ai.core.port.in.UsageQuery;
import com.chimti.ai.core.port.in.UsageReport;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /v1/ai/usage?from=&to=&brandId=}: the caller's own calls, or a whole brand for brand admins. The
 * bounds are ISO-8601 instants ({@code 2026-03-01T00:00:00Z}); the default range is the last 30 days.
 */
public final class UsageRoutes {
    record Item(Instant at, String provider, String model, String kind, long inputTokens, long outputTokens,
                long credits, String chatId, String outcome) {
        static Item of(UsageEntry entry) {
            return new Item(entry.at(), entry.provider().value(), entry.model(), entry.kind(),
                    entry.tokens().inputTokens(), entry.tokens().outputTokens(), entry.credits(),
                    Views.text(entry.chatId()), entry.outcome().wireName());
        }
    }

    record Report(Instant from, Instant to, List<Item> items, UsageReport.Totals totals, boolean truncated) {
        static Report of(UsageReport report) {
            return new Report(report.from(), report.to(), report.items().stream().map(Item::of).toList(),
                    report.totals(), report.truncated());
        }
    }

    private final ReadUsage usage;

    public UsageRoutes(ReadUsage usage) {
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    public EndpointGroup endpoints() {
        return () -> get("/v1/ai/usage", this::report);
    }

    void report(Context ctx) {
        UsageQuery query = new UsageQuery(Authentication.caller(ctx), Requests.instant(ctx, "from"),
                Requests.instant(ctx, "to"), Requests.brandId(ctx));
        ctx.json(Report.of(usage.usage(query)));
    }
}
