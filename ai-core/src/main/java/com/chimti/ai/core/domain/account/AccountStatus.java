package com.chimti.ai.core.domain.account;

import com.chimti.ai.core.domain.provider.ProviderId;
import java.util.Objects;

/**
 * What the caller may know about their provider account. {@code maskedEmail} is already masked
 * ({@code a***@example.com}); no token, path or profile id ever goes in here.
 */
public record AccountStatus(
        ProviderId provider,
        AccountState status,
        String authMode,
        String plan,
        String maskedEmail,
        String model,
        RateLimits limits,
        AccountError error) {

    public AccountStatus {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(status, "status");
    }

    public static AccountStatus disconnected(ProviderId provider, String model) {
        return new AccountStatus(provider, AccountState.DISCONNECTED, null, null, null, model, null, null);
    }

    public AccountStatus withModel(String newModel) {
        return new AccountStatus(provider, status, authMode, plan, maskedEmail, newModel, limits, error);
    }
}
