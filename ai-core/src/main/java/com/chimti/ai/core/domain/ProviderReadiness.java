package com.chimti.ai.core.domain;

/** Whether a provider can serve turns now; {@code problem} says why not, in operator-safe words. */
public record ProviderReadiness(boolean ready, String problem) {
    public static final ProviderReadiness READY = new ProviderReadiness(true, null);

    public static ProviderReadiness notReady(String problem) {
        return new ProviderReadiness(false, problem);
    }
}
