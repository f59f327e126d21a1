package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.provider.TokenUsage;
import java.util.Map;
import java.util.Objects;

/**
 * What a provider call costs in credits: a base per call plus credits per 1,000 input and per 1,000 output
 * tokens, per model with a default. Every part is rounded up, so a call is never free and never under-billed.
 * Zero or negative prices are refused.
 */
public record CreditPricing(Rates defaultRates, Map<String, Rates> perModel, long basePerCall) {

    /** Credits per 1,000 input tokens and per 1,000 output tokens. */
    public record Rates(long per1kInput, long per1kOutput) {
        public Rates {
            if (per1kInput <= 0 || per1kOutput <= 0) {
                throw new IllegalArgumentException("credit prices must be positive");
            }
        }
    }

    public CreditPricing {
        Objects.requireNonNull(defaultRates, "defaultRates");
        perModel = Map.copyOf(perModel == null ? Map.of() : perModel);
        if (basePerCall <= 0) {
            throw new IllegalArgumentException("the base price per call must be positive");
        }
    }

    public static CreditPricing of(long per1kInput, long per1kOutput, long basePerCall) {
        return new CreditPricing(new Rates(per1kInput, per1kOutput), Map.of(), basePerCall);
    }

    public Rates rates(String model) {
        return model == null ? defaultRates : perModel.getOrDefault(model, defaultRates);
    }

    /** The most a call may cost: what is reserved before the provider is called. */
    public long maxCost(String model, long maxInputTokens, long maxOutputTokens) {
        return cost(model, new TokenUsage(maxInputTokens, maxOutputTokens));
    }

    /** What a finished call costs, also a failed one: at least {@link #basePerCall()}. */
    public long cost(String model, TokenUsage usage) {
        Rates rates = rates(model);
        return Math.addExact(basePerCall, Math.addExact(perThousand(usage.inputTokens(), rates.per1kInput()),
                perThousand(usage.outputTokens(), rates.per1kOutput())));
    }

    private static long perThousand(long tokens, long price) {
        long product = Math.multiplyExact(tokens, price);
        return product / 1000 + (product % 1000 == 0 ? 0 : 1);
    }
}
