package com.chimti.ai.app.lifecycle;

import com.chimti.ai.core.domain.Caller;
import com.chimti.ai.core.domain.skill.Skill;
import com.chimti.ai.core.port.in.AskOnce;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.AskOnceResult;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.service.RunningTurns;
import java.util.List;
import java.util.Objects;

/**
 * Counts one-shot calls in {@link RunningTurns}, so a draining server refuses new ones (503 {@code draining})
 * and waits for the running ones like it waits for chat turns.
 */
public final class DrainingAskOnce implements AskOnce {
    private final AskOnce delegate;
    private final RunningTurns runningTurns;

    public DrainingAskOnce(AskOnce delegate, RunningTurns runningTurns) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.runningTurns = Objects.requireNonNull(runningTurns, "runningTurns");
    }

    @Override
    public AskOnceResult ask(AskOnceCommand command, TurnListener listener) {
        try (RunningTurns.Call call = runningTurns.beginCall()) {
            return delegate.ask(command, listener);
        }
    }

    @Override
    public List<Skill> skills(Caller caller) {
        return delegate.skills(caller);
    }
}
