package com.chimti.ai.adapter.out.openaistub;

import com.chimti.ai.adapter.out.openaistub.OpenAiStubProvider.StubSettings;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.TurnListener;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One streamed stub answer, word by word, stopping early on cancel or timeout with the partial text. A message
 * asking for an action proposes it first ({@link StubProposals}), as a model's tool call would.
 */
final class StubTurn {
    private final CompletionRequest request;
    private final TurnListener listener;
    private final StubAnswers answers;
    private final StubProposals proposals = new StubProposals();
    private final StubSettings settings;
    private final Clock clock;
    private final CountDownLatch cancelled = new CountDownLatch(1);

    StubTurn(CompletionRequest request, TurnListener listener, StubAnswers answers, StubSettings settings,
             Clock clock) {
        this.request = request;
        this.listener = listener;
        this.answers = answers;
        this.settings = settings;
        this.clock = clock;
    }

    CompletionResult run() {
        request.cancellation().onCancel(cancelled::countDown);
        Instant deadline = clock.instant().plus(request.timeout());
        listener.onProgress("thinking", "composing a stub answer");
        String answer = proposals.proposeIfAsked(request).orElseGet(() -> answers.answer(request));
        StringBuilder sent = new StringBuilder();
        TurnOutcome outcome = TurnOutcome.COMPLETED;
        for (String piece : answer.split("(?<= )")) {
            if (pause()) {
                outcome = TurnOutcome.CANCELLED;
                break;
            }
            if (clock.instant().isAfter(deadline)) {
                outcome = TurnOutcome.TIMED_OUT;
                break;
            }
            sent.append(piece);
            listener.onDelta(piece);
        }
        TokenUsage usage = new TokenUsage(StubAnswers.promptTokens(request),
                sent.isEmpty() ? 0 : StubAnswers.estimateTokens(sent.toString()));
        listener.onUsage(usage);
        return new CompletionResult(sent.toString(), usage, request.model(), outcome);
    }

    /** Waits the configured delay; returns true when the turn was cancelled meanwhile. */
    private boolean pause() {
        try {
            return cancelled.await(settings.deltaDelay().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
