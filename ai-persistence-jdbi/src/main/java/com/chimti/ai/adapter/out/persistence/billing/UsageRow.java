package com.chimti.ai.adapter.out.persistence.billing;

import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.RequestId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Duration;
import java.time.Instant;

/** One usage_log row; the duration is kept in milliseconds. */
record UsageRow(String userId, String clientId, String brandId, String chatId, String provider, String model,
                String kind, long inputTokens, long outputTokens, long durationMs, long credits, String outcome,
                Instant at, String requestId) {

    static UsageRow of(UsageEntry entry) {
        return new UsageRow(entry.userId().value(), entry.clientId().value(),
                entry.brandId() == null ? null : entry.brandId().value(),
                entry.chatId() == null ? null : entry.chatId().value(), entry.provider().value(), entry.model(),
                entry.kind(), entry.tokens().inputTokens(), entry.tokens().outputTokens(),
                entry.duration().toMillis(), entry.credits(), entry.outcome().wireName(), Times.micros(entry.at()),
                entry.requestId() == null ? null : entry.requestId().value());
    }

    UsageEntry toDomain() {
        return new UsageEntry(new UserId(userId), new ClientId(clientId), brandId == null ? null : new BrandId(brandId),
                chatId == null ? null : new ChatId(chatId), new ProviderId(provider), model, kind,
                new TokenUsage(inputTokens, outputTokens), Duration.ofMillis(durationMs), credits,
                TurnOutcome.fromWireName(outcome), at, requestId == null ? null : new RequestId(requestId));
    }
}
