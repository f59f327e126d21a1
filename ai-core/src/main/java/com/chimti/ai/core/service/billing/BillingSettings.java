package com.chimti.ai.core.service.billing;

import com.chimti.ai.core.domain.billing.CreditPricing;
import java.util.Objects;

/**
 * Prepaid billing: the prices, the output cap a reservation assumes per call ({@code AI_MAX_OUTPUT_TOKENS_PER_TURN})
 * and the input tokens a provider adds to what we send ({@code AI_INPUT_TOKEN_OVERHEAD}).
 */
public record BillingSettings(CreditPricing pricing, long maxOutputTokens, long inputTokenOverhead) {
    public BillingSettings {
        Objects.requireNonNull(pricing, "pricing");
        if (maxOutputTokens <= 0 || inputTokenOverhead < 0) {
            throw new IllegalArgumentException("maxOutputTokens must be positive and the overhead not negative");
        }
    }
}
