package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.get;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.view.PageView;
import com.chimti.ai.adapter.in.web.view.Views;
import com.chimti.ai.core.domain.billing.UsageGrouping;
import com.chimti.ai.core.domain.billing.UsageSummary;
import com.chimti.ai.core.domain.billing.UsageTotals;
import com.chimti.ai.core.domain.billing.WalletEntry;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.AdministerBilling;
import com.chimti.ai.core.port.in.OpenHoldsQuery;
import com.chimti.ai.core.port.in.OpenHoldsReport;
import com.chimti.ai.core.port.in.SpendingQuery;
import com.chimti.ai.core.port.in.SpendingReport;
import com.chimti.ai.core.port.in.WalletLedgerQuery;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The admin views of usage and money: {@code GET /v1/ai/admin/usage}, {@code GET /v1/ai/admin/wallet/ledger} and
 * {@code GET /v1/ai/admin/wallet/holds}, each with {@code clientId} and {@code brandId} query parameters. Who may
 * read what is the core's decision; a caller who is neither a platform admin nor a brand admin is refused before
 * any parameter is read, so a 400 tells them nothing.
 */
public final class AdminBillingRoutes {
    record Totals(long calls, long inputTokens, long outputTokens, long credits, Map<String, Long> outcomes) {
        static Totals of(UsageTotals totals) {
            Map<String, Long> outcomes = new LinkedHashMap<>();
            outcomes.put("completed", totals.completed());
            outcomes.put("cancelled", totals.cancelled());
            outcomes.put("timed_out", totals.timedOut());
            outcomes.put("failed", totals.failed());
            return new Totals(totals.calls(), totals.inputTokens(), totals.outputTokens(), totals.credits(),
                    outcomes);
        }
    }

    record Row(String clientId, String brandId, String userId, long calls, long inputTokens, long outputTokens,
               long credits, Map<String, Long> outcomes) {
        static Row of(UsageSummary summary) {
            Totals totals = Totals.of(summary.totals());
            return new Row(summary.clientId().value(), Views.text(summary.brandId()), Views.text(summary.userId()),
                    totals.calls(), totals.inputTokens(), totals.outputTokens(), totals.credits(), totals.outcomes());
        }
    }

    record Spending(Instant from, Instant to, String groupBy, String clientId, String brandId, List<Row> rows,
                    Totals totals, boolean truncated) {
        static Spending of(SpendingReport report) {
            return new Spending(report.from(), report.to(), report.groupBy().wireName(), Views.text(report.clientId()),
                    Views.text(report.brandId()), report.rows().stream().map(Row::of).toList(),
                    Totals.of(report.totals()), report.truncated());
        }
    }

    record Entry(String id, String kind, long amount, Long balanceAfter, String reservationId, String reason,
                 Instant at) {
        static Entry of(WalletEntry entry) {
            return new Entry(entry.id(), entry.kind().wireName(), entry.amount(), entry.balanceAfter(),
                    entry.reservationId(), entry.reason(), entry.at());
        }
    }

    record Hold(String reservationId, long amount, Instant createdAt, long ageSeconds) {
        static Hold of(OpenHoldsReport.Hold hold) {
            return new Hold(hold.reservationId(), hold.amount(), hold.createdAt(), hold.age().toSeconds());
        }
    }

    record Holds(String clientId, String brandId, Instant asOf, List<Hold> holds, long count, long total,
                 boolean truncated) {
        static Holds of(OpenHoldsReport report) {
            return new Holds(report.clientId().value(), Views.text(report.brandId()), report.asOf(),
                    report.holds().stream().map(Hold::of).toList(), report.count(), report.total(),
                    report.truncated());
        }
    }

    private final AdministerBilling billing;

    public AdminBillingRoutes(AdministerBilling billing) {
        this.billing = Objects.requireNonNull(billing, "billing");
    }

    public EndpointGroup endpoints() {
        return () -> {
            get("/v1/ai/admin/usage", this::spending);
            get("/v1/ai/admin/wallet/ledger", this::ledger);
            get("/v1/ai/admin/wallet/holds", this::holds);
        };
    }

    void spending(Context ctx) {
        Caller caller = admin(ctx);
        SpendingQuery query = new SpendingQuery(caller, Requests.instant(ctx, "from"), Requests.instant(ctx, "to"),
                Requests.clientId(ctx), Requests.brandId(ctx), UsageGrouping.parse(ctx.queryParam("groupBy")));
        ctx.json(Spending.of(billing.spending(query)));
    }

    void ledger(Context ctx) {
        Caller caller = admin(ctx);
        WalletLedgerQuery query = new WalletLedgerQuery(caller, Requests.clientId(ctx), Requests.brandId(ctx),
                Requests.page(ctx));
        ctx.json(PageView.of(billing.ledger(query), Entry::of));
    }

    void holds(Context ctx) {
        Caller caller = admin(ctx);
        ctx.json(Holds.of(billing.openHolds(new OpenHoldsQuery(caller, Requests.clientId(ctx),
                Requests.brandId(ctx)))));
    }

    /** The caller, when an admin of some kind; the core decides the rest. */
    private static Caller admin(Context ctx) {
        Caller caller = Authentication.caller(ctx);
        if (!caller.hasRole(Role.PLATFORM_ADMIN) && !caller.isBrandAdmin()) {
            throw new OutOfScopeException("the admin views are for platform admins and brand admins");
        }
        return caller;
    }
}
