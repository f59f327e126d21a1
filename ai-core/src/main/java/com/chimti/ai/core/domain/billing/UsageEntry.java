package com.chimti.ai.core.domain.billing;

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
import java.util.Objects;

/**
 * One provider call, recorded for audit, limits and billing whether or not it succeeded; {@code requestId} is the
 * request it came with (null for a caller outside any request), to join usage with logs and audit events.
 */
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
        Instant at,
        RequestId requestId) {

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

    /** A call outside any request. */
    public UsageEntry(UserId userId, ClientId clientId, BrandId brandId, ChatId chatId, ProviderId provider,
                      String model, String kind, TokenUsage tokens, Duration duration, long credits,
                      TurnOutcome outcome, Instant at) {
        this(userId, clientId, brandId, chatId, provider, model, kind, tokens, duration, credits, outcome, at, null);
    }

    /** The same call with another charge. */
    public UsageEntry withCredits(long newCredits) {
        return new UsageEntry(userId, clientId, brandId, chatId, provider, model, kind, tokens, duration, newCredits,
                outcome, at, requestId);
    }

    /** The same call recorded as failed, without a charge. */
    public UsageEntry failedUncharged() {
        return new UsageEntry(userId, clientId, brandId, chatId, provider, model, kind, tokens, duration, 0,
                TurnOutcome.FAILED, at, requestId);
    }
}
