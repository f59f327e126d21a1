package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.core.domain.billing.UsageSummary;
import com.chimti.ai.core.domain.billing.UsageTotals;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;

/** One group of usage_log rows added up (the keys not grouped by are null). */
record UsageSummaryRow(String clientId, String brandId, String userId, long calls, long inputTokens,
                       long outputTokens, long credits, long completed, long cancelled, long timedOut,
                       long failed) {

    UsageTotals totals() {
        return new UsageTotals(calls, inputTokens, outputTokens, credits, completed, cancelled, timedOut, failed);
    }

    UsageSummary toDomain() {
        return new UsageSummary(new ClientId(clientId), brandId == null ? null : new BrandId(brandId),
                userId == null ? null : new UserId(userId), totals());
    }
}
