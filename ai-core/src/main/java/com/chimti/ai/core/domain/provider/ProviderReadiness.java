package com.chimti.ai.core.domain.provider;

/**
 * Whether a provider can serve turns now; {@code problem} says why not, {@code warning} what an operator should
 * know about a provider that serves anyway (e.g. running without its OS confinement), in operator-safe words.
 */
public record ProviderReadiness(boolean ready, String problem, String warning) {
    public static final ProviderReadiness READY = new ProviderReadiness(true, null, null);

    public ProviderReadiness(boolean ready, String problem) {
        this(ready, problem, null);
    }

    public static ProviderReadiness notReady(String problem) {
        return new ProviderReadiness(false, problem, null);
    }

    public static ProviderReadiness readyWith(String warning) {
        return new ProviderReadiness(true, null, warning);
    }
}
