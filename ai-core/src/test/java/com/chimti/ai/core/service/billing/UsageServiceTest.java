package com.chimti.ai.core.service.billing;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.AiNotEnabledException;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.tenancy.Role;
import com.chimti.ai.core.port.in.UsageQuery;
import com.chimti.ai.core.port.in.UsageReport;
import com.chimti.ai.core.testing.CoreFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageServiceTest {
    private final CoreFixture core = new CoreFixture();
    private final Caller admin = aCaller().user("admin").build();
    private final Caller staff = aCaller().user("staff").roles(Role.STORE).aiAccess(true).build();
    private final Instant now = Instant.now();

    @Test
    void callersSeeTheirOwnRowsWithTotals() {
        record(staff, "b1", 100, 10, 3, now.minusSeconds(60));
        record(staff, "b2", 50, 5, 2, now.minusSeconds(30));
        record(admin, "b1", 7, 7, 7, now.minusSeconds(10));
        record(staff, "b1", 1, 1, 1, now.minus(Duration.ofDays(31)));

        UsageReport report = core.usageService.usage(new UsageQuery(staff, null, null, null));

        assertThat(report.items()).hasSize(2).allSatisfy(e -> assertThat(e.userId()).isEqualTo(staff.userId()));
        assertThat(report.totals()).isEqualTo(new UsageReport.Totals(150, 15, 5, 2));
        assertThat(report.truncated()).isFalse();
    }

    @Test
    void aBrandAdminSeesTheWholeBrand() {
        record(staff, "b1", 100, 10, 3, now.minusSeconds(60));
        record(admin, "b1", 7, 7, 7, now.minusSeconds(10));
        record(staff, "b2", 50, 5, 2, now.minusSeconds(30));

        UsageReport report = core.usageService.usage(new UsageQuery(admin, null, null, new BrandId("b1")));
        assertThat(report.totals().calls()).isEqualTo(2);
        assertThat(report.totals().credits()).isEqualTo(10);
    }

    @Test
    void aBrandOutsideTheScopeOrANonAdminAskingForABrandIsRefused() {
        assertThatThrownBy(() -> core.usageService.usage(new UsageQuery(admin, null, null, new BrandId("b9"))))
                .isInstanceOf(OutOfScopeException.class);
        assertThatThrownBy(() -> core.usageService.usage(new UsageQuery(staff, null, null, new BrandId("b1"))))
                .isInstanceOf(OutOfScopeException.class);
        Caller noAi = aCaller().user("x").roles(Role.STORE).build();
        assertThatThrownBy(() -> core.usageService.usage(new UsageQuery(noAi, null, null, null)))
                .isInstanceOf(AiNotEnabledException.class);
    }

    @Test
    void theRangeMustBeOrderedAndAtMost366Days() {
        assertThatThrownBy(() -> core.usageService.usage(new UsageQuery(staff, now, now.minusSeconds(1), null)))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> core.usageService.usage(new UsageQuery(staff, now.minus(Duration.ofDays(367)),
                now, null))).isInstanceOf(ValidationException.class);
        UsageReport report = core.usageService.usage(new UsageQuery(staff, now.minus(Duration.ofDays(366)), now,
                null));
        assertThat(report.items()).isEmpty();
        assertThat(report.totals()).isEqualTo(new UsageReport.Totals(0, 0, 0, 0));
    }

    private void record(Caller caller, String brand, long in, long out, long credits, Instant at) {
        core.usage.record(new UsageEntry(caller.userId(), caller.clientId(), new BrandId(brand), new ChatId("chat-1"),
                new ProviderId("fake"), "fake-1", "chat", new TokenUsage(in, out), Duration.ofMillis(5), credits,
                TurnOutcome.COMPLETED, at));
    }
}
