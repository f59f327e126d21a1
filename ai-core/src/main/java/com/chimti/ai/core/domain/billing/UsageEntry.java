package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One provider call, recorded for audit, limits and billing whether or not it succeeded. */
public record UsageEntry(
        UserId userId,
        ClientId clientId,
        BrandId brandId,
        ChatId chatId,
        ProviderId provider,
        String model,
        String kind,
        TokenUsage tokens,
        Duration duration,
        long credits,
        TurnOutcome outcome,
        Instant at) {

    public UsageEntry {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(at, "at");
        if (credits < 0) {
            throw new IllegalArgumentException("credits cannot be negative");
        }
    }
}
