package com.chimti.ai.core.service.billing;

import com.chimti.ai.core.domain.ReportRange;
import com.chimti.ai.core.domain.billing.HeldCredits;
import com.chimti.ai.core.domain.billing.UsageFilter;
import com.chimti.ai.core.domain.billing.UsageGrouping;
import com.chimti.ai.core.domain.billing.UsageSummary;
import com.chimti.ai.core.domain.billing.WalletEntry;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.tenancy.AiAccessPolicy;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.AdministerBilling;
import com.chimti.ai.core.port.in.OpenHoldsQuery;
import com.chimti.ai.core.port.in.OpenHoldsReport;
import com.chimti.ai.core.port.in.SpendingQuery;
import com.chimti.ai.core.port.in.SpendingReport;
import com.chimti.ai.core.port.in.WalletLedgerQuery;
import com.chimti.ai.core.port.out.UsageLedger;
import com.chimti.ai.core.port.out.WalletHistory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The admin views, and who may see what. A platform admin reads any client (a brand or not); a brand superadmin
 * or admin, whose client has the AI module (as for {@code GET /v1/ai/usage}), reads one brand in their scope in
 * their own client and nothing client-wide; every other caller is refused. A refusal is an
 * {@link OutOfScopeException}, never an empty answer, so a brand admin cannot tell another client's ids from
 * unknown ones by probing.
 */
public final class AdminBillingService implements AdministerBilling {
    /** The most groups a report lists; the totals still cover every call. */
    public static final int MAX_GROUPS = 1000;
    /** The most open holds listed; more than a few dozen at once means something is stuck. */
    public static final int MAX_HOLDS = 1000;

    private final UsageLedger usage;
    private final WalletHistory wallets;
    private final AiAccessPolicy accessPolicy;
    private final Clock clock;

    public AdminBillingService(UsageLedger usage, WalletHistory wallets, AiAccessPolicy accessPolicy, Clock clock) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.accessPolicy = Objects.requireNonNull(accessPolicy, "accessPolicy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SpendingReport spending(SpendingQuery query) {
        Caller caller = query.caller();
        ClientId client = clientFor(caller, query.clientId());
        requireBrandInScope(caller, query.brandId());
        ReportRange range = ReportRange.resolve(query.from(), query.to(), clock);
        boolean everyClient = isPlatformAdmin(caller) && query.clientId() == null
                && query.groupBy() == UsageGrouping.CLIENT;
        UsageFilter filter = new UsageFilter(everyClient ? null : client, query.brandId(), range.from(), range.to());
        List<UsageSummary> found = usage.summarize(filter, query.groupBy(), MAX_GROUPS + 1);
        boolean truncated = found.size() > MAX_GROUPS;
        return new SpendingReport(range.from(), range.to(), query.groupBy(), filter.clientId(), filter.brandId(),
                truncated ? found.subList(0, MAX_GROUPS) : found, usage.total(filter), truncated);
    }

    @Override
    public Page<WalletEntry> ledger(WalletLedgerQuery query) {
        Caller caller = query.caller();
        ClientId client = clientFor(caller, query.clientId());
        requireBrandInScope(caller, query.brandId());
        return wallets.entries(client, query.brandId(), query.page());
    }

    @Override
    public OpenHoldsReport openHolds(OpenHoldsQuery query) {
        Caller caller = query.caller();
        ClientId client = clientFor(caller, query.clientId());
        requireBrandInScope(caller, query.brandId());
        Instant now = clock.instant();
        HeldCredits held = wallets.openHolds(client, query.brandId(), MAX_HOLDS);
        List<OpenHoldsReport.Hold> holds = held.holds().stream()
                .map(hold -> new OpenHoldsReport.Hold(hold.reservationId(), hold.amount(), hold.createdAt(),
                        age(hold.createdAt(), now)))
                .toList();
        return new OpenHoldsReport(client, query.brandId(), now, holds, held.count(), held.total(),
                held.count() > holds.size());
    }

    /** The client a query reads, or a refusal; decides first of all who may use the admin views at all. */
    private ClientId clientFor(Caller caller, ClientId named) {
        if (isPlatformAdmin(caller)) {
            return named != null ? named : caller.clientId();
        }
        if (!caller.isBrandAdmin()) {
            throw new OutOfScopeException("the admin views are for platform admins and brand admins");
        }
        accessPolicy.requireAccess(caller);
        if (named != null && !named.equals(caller.clientId())) {
            throw new OutOfScopeException("brand admins may read their own client only");
        }
        return caller.clientId();
    }

    private static void requireBrandInScope(Caller caller, BrandId brandId) {
        if (isPlatformAdmin(caller)) {
            return;
        }
        if (brandId == null) {
            throw new OutOfScopeException("brand admins must name one of their brands");
        }
        caller.requireBrand(brandId);
    }

    private static boolean isPlatformAdmin(Caller caller) {
        return caller.hasRole(Role.PLATFORM_ADMIN);
    }

    /** Never negative: another instance's clock may run a little ahead of this one. */
    private static Duration age(Instant createdAt, Instant now) {
        Duration age = Duration.between(createdAt, now);
        return age.isNegative() ? Duration.ZERO : age;
    }
}
