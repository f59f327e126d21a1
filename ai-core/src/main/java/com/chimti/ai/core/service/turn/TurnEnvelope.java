package com.chimti.ai.core.service.turn;

import com.chimti.ai.core.domain.billing.TurnSettlement;
import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.ServerDrainingException;
import com.chimti.ai.core.port.out.TurnSettlements;
import com.chimti.ai.core.service.billing.Billing;
import com.chimti.ai.core.service.turn.RunningTurns;
import com.chimti.ai.core.service.turn.TurnAdmission;
import com.chimti.ai.core.service.turn.TurnSettler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The one way a provider turn runs, for chat turns and one-shot calls alike. In order:
 * <ol>
 *   <li>registration in {@link RunningTurns}: refused with {@link ServerDrainingException} while the server
 *       drains (the one draining check), and in a chat while another turn of the chat runs. The turn's
 *       duration (its usage row, a chat's {@code durationMs}) counts from here;</li>
 *   <li>the estimate of what is sent ({@link TurnSteps#sent}), then admission ({@link TurnAdmission}: limits,
 *       slots and the provider's reservation, 429) and the hold of the maximum cost ({@link Billing}, 402):
 *       a turn refused here has stored and held nothing;</li>
 *   <li>what goes before the call ({@link TurnSteps#request}), then the provider call;</li>
 *   <li>after a failure: the base charge (unless the user's own account refused the call) and a failed usage
 *       row, and the provider's fault is rethrown; after an answer: the output tokens counted against the
 *       daily budgets, then the charge, the usage row and the answer written together ({@link TurnSettler});</li>
 *   <li>whatever happens, the hold ends (charged or voided) and the admission's slots, the provider's
 *       reservation and the registration are given back.</li>
 * </ol>
 */
public final class TurnEnvelope {
    private final RunningTurns runningTurns;
    private final TurnAdmission admission;
    private final Billing billing;
    private final TurnSettler settler;
    private final Clock clock;

    public TurnEnvelope(RunningTurns runningTurns, TurnAdmission admission, Billing billing,
                        TurnSettlements settlements, Clock clock) {
        this.runningTurns = Objects.requireNonNull(runningTurns, "runningTurns");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.billing = Objects.requireNonNull(billing, "billing");
        this.settler = new TurnSettler(settlements, billing);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Runs one turn; see the class comment for the order. */
    public <R> R run(TurnPlan plan, TurnSteps<R> steps) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(steps, "steps");
        try (RunningTurns.Running running = runningTurns.begin(plan.caller().tenantUser(), plan.chatId())) {
            Instant started = clock.instant();
            TurnSteps.Sent sent = steps.sent();
            long estimatedInput = billing.estimateInputTokens(sent.messages(), sent.context());
            try (TurnAdmission.Permit permit = admission.admit(plan.caller(), plan.brandId(), estimatedInput,
                    plan.provider())) {
                Billing.Hold hold = billing.hold(plan.caller().clientId(), plan.brandId(), plan.model(),
                        estimatedInput);
                return held(plan, steps, new Admitted(running, permit, hold, started));
            }
        }
    }

    /** Cancels the chat's turn wherever it runs, here or on another instance; true when one did. */
    public boolean cancel(ChatId chatId) {
        return runningTurns.cancel(chatId);
    }

    private <R> R held(TurnPlan plan, TurnSteps<R> steps, Admitted turn) {
        boolean ended = false;
        try {
            CompletionRequest request = steps.request(turn.running().cancellation(), turn.started());
            CompletionResult result;
            try {
                result = plan.provider().complete(request, steps.listener());
            } catch (RuntimeException failure) {
                ended = true;
                settleFailed(plan, turn, failure);
                throw failure;
            }
            turn.permit().recordOutput(result.usage().outputTokens());
            String model = result.model() == null ? plan.model() : result.model();
            Instant finished = clock.instant();
            ended = true;
            // the answer, its usage row and the charge are written together (see TurnSettler), or none of them
            TurnSettlement settled = settler.settle(turn.hold(), model, result.usage(),
                    credits -> new TurnSettler.Turn(
                            usage(plan, model, result.usage(), turn.started(), result.outcome(), credits),
                            steps.answer(result, model, credits, turn.started(), finished)));
            return steps.result(result, model, settled);
        } finally {
            if (!ended) {
                billing.release(turn.hold()); // never reached the provider's answer: nothing is charged
            }
        }
    }

    /**
     * A failed call is charged the base (what it used is unknown), unless the account refused it before any
     * work; the hold ends with the usage row either way.
     */
    private void settleFailed(TurnPlan plan, Admitted turn, RuntimeException failure) {
        try {
            settler.failed(turn.hold(), plan.model(), failure, credits -> usage(plan, plan.model(),
                    TokenUsage.NONE, turn.started(), TurnOutcome.FAILED, credits));
        } catch (RuntimeException unwritten) {
            failure.addSuppressed(unwritten); // hold voided; the provider's fault stays the answer
        }
    }

    private UsageEntry usage(TurnPlan plan, String model, TokenUsage tokens, Instant started, TurnOutcome outcome,
                             long credits) {
        Instant now = clock.instant();
        return new UsageEntry(plan.caller().userId(), plan.caller().clientId(), plan.brandId(), plan.chatId(),
                plan.provider().id(), model, plan.usageKind(), tokens, Duration.between(started, now), credits,
                outcome, now, plan.caller().requestId());
    }

    /** What an admitted turn holds until it ends. */
    private record Admitted(RunningTurns.Running running, TurnAdmission.Permit permit, Billing.Hold hold,
                            Instant started) {
    }
}
