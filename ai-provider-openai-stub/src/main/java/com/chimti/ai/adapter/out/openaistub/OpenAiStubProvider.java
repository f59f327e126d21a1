package com.chimti.ai.adapter.out.openaistub;

import com.chimti.ai.core.domain.account.AiModel;
import com.chimti.ai.core.domain.provider.ProviderId;
import com.chimti.ai.core.domain.provider.ProviderReadiness;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnListener;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A deterministic, offline provider: it answers from the prompt, streams the answer word by word, and
 * reports token usage. In a chat turn that offers actions, a message saying {@code propose <actionType>} makes it
 * propose that action ({@link StubProposals}), so the confirmation flow can be built without a real model. It lets the whole stack run without Codex installed, and it is the worked example of
 * how a provider plugs in: implement {@link AiProvider}, keep everything per user, and let the core do the
 * rest. Its accounts are simulated ({@link OpenAiStubAccounts}).
 */
public final class OpenAiStubProvider implements AiProvider {
    public static final ProviderId ID = new ProviderId("openai-stub");
    static final List<AiModel> MODELS = List.of(
            new AiModel("stub-small", "Stub small", true),
            new AiModel("stub-large", "Stub large", false));

    private final StubSettings settings;
    private final Clock clock;
    private final StubAnswers answers = new StubAnswers();

    public OpenAiStubProvider(StubSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ProviderId id() {
        return ID;
    }

    @Override
    public String defaultModel() {
        return MODELS.get(0).id();
    }

    @Override
    public CompletionResult complete(CompletionRequest request, TurnListener listener) {
        return new StubTurn(request, listener, answers, settings, clock).run();
    }

    @Override
    public ProviderReadiness readiness() {
        return ProviderReadiness.READY;
    }

    /** How long the stub pauses between deltas, so streaming and cancellation can be seen. */
    public record StubSettings(Duration deltaDelay, Duration loginExpiry) {
        public static final StubSettings DEFAULTS = new StubSettings(Duration.ofMillis(20), Duration.ofMinutes(15));

        public StubSettings {
            if (deltaDelay.isNegative()) {
                throw new IllegalArgumentException("deltaDelay cannot be negative");
            }
        }
    }
}
