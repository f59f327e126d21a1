package com.chimti.ai.app.metrics;

import com.chimti.ai.app.ForwardingProvider;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.ProviderTimeoutException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * Measures a provider's turns: how long each {@link #complete} call took and how it ended, the tokens it used,
 * timeouts and errors by kind. Every other method only delegates ({@link ForwardingProvider}); logins are
 * measured by {@link MeteredAccounts}. Labels carry the
 * provider, its mode, the outcome, the error kind and the model; never a user, a chat or any text.
 */
public final class MeteredProvider extends ForwardingProvider {
    static final String CALL_DURATION = "codex.call.duration.ms";
    static final String TIMEOUTS = "codex.timeouts";
    static final String ERRORS = "codex.errors";
    static final String TOKENS = "codex.tokens";

    /** Bucket bounds of the call duration, in milliseconds: a turn takes from a few ms (stub) to minutes. */
    private static final double[] DURATION_BUCKETS_MS = {50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000,
        60_000, 120_000, 300_000};

    private final MeterRegistry registry;
    private final String provider;
    private final String mode;

    /**
     * @param mode how the provider runs turns, when it has modes ({@code app-server}, {@code exec}); else
     *             {@code default}. A fixed value per provider, so every series keeps the same label set.
     */
    public MeteredProvider(AiProvider delegate, MeterRegistry registry, String mode) {
        super(delegate);
        this.registry = Objects.requireNonNull(registry, "registry");
        this.provider = delegate().id().value();
        this.mode = mode == null || mode.isBlank() ? "default" : mode;
        // timeouts and errors show as 0 before the first one, so rates and alerts work from the start
        timeouts();
        for (String kind : List.of("not_connected", "rate_limited", "failure")) {
            errors(kind);
        }
    }

    @Override
    public CompletionResult complete(CompletionRequest request, TurnListener listener) {
        long started = System.nanoTime();
        String outcome = "failure";
        try {
            CompletionResult result = delegate().complete(request, listener);
            outcome = result.outcome().wireName();
            if (result.outcome() == TurnOutcome.TIMED_OUT) {
                timeouts().increment();
            } else if (result.outcome() == TurnOutcome.FAILED) {
                errors("failure").increment();
            }
            countTokens(result.usage(), modelOf(result, request));
            return result;
        } catch (ProviderTimeoutException timedOut) {
            outcome = TurnOutcome.TIMED_OUT.wireName();
            timeouts().increment();
            throw timedOut;
        } catch (RuntimeException | Error failed) {
            outcome = kindOf(failed);
            errors(outcome).increment();
            throw failed;
        } finally {
            DistributionSummary.builder(CALL_DURATION)
                    .description("Duration of one provider turn (complete call), in milliseconds")
                    .tags("provider", provider, "mode", mode, "outcome", outcome)
                    .serviceLevelObjectives(DURATION_BUCKETS_MS)
                    .register(registry)
                    .record((System.nanoTime() - started) / 1_000_000.0);
        }
    }

    static String kindOf(Throwable failure) {
        if (failure instanceof ProviderNotConnectedException) {
            return "not_connected";
        }
        if (failure instanceof RateLimitedException) {
            return "rate_limited";
        }
        return "failure";
    }

    private String modelOf(CompletionResult result, CompletionRequest request) {
        if (result.model() != null && !result.model().isBlank()) {
            return result.model();
        }
        if (request.model() != null && !request.model().isBlank()) {
            return request.model();
        }
        return delegate().defaultModel();
    }

    private void countTokens(TokenUsage usage, String model) {
        if (usage.inputTokens() > 0) {
            tokens("input", model).increment(usage.inputTokens());
        }
        if (usage.outputTokens() > 0) {
            tokens("output", model).increment(usage.outputTokens());
        }
    }

    private Counter tokens(String direction, String model) {
        return Counter.builder(TOKENS).description("Tokens used by provider turns")
                .tags("provider", provider, "direction", direction, "model", model).register(registry);
    }

    private Counter timeouts() {
        return Counter.builder(TIMEOUTS).description("Provider turns that hit their time limit")
                .tags("provider", provider, "mode", mode).register(registry);
    }

    private Counter errors(String kind) {
        return Counter.builder(ERRORS).description("Provider turns that ended in an error, by kind")
                .tags("provider", provider, "mode", mode, "kind", kind).register(registry);
    }
}
