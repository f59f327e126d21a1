package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.skill.Skill;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.out.TurnListener;
import java.util.List;

/**
 * Stateless one-shot calls ({@code POST /chat}, legacy {@code POST /v1/ai/chat}): a chat answer or an
 * allowlisted skill, with input caps, redaction and usage recording, but no chat and no stored messages.
 */
public interface AskOnce {

    /**
     * Runs the call through the provider (blocking), streaming its deltas, progress and usage to
     * {@code listener}. Throws {@code AiNotEnabledException} without AI access, {@code ValidationException} for
     * bad input, {@code UnknownSkillException} for a skill not on the allowlist, and the provider's faults.
     */
    AskOnceResult ask(AskOnceCommand command, TurnListener listener);

    default AskOnceResult ask(AskOnceCommand command) {
        return ask(command, TurnListener.NONE);
    }

    /** The allowlisted skills, for a caller with AI access. */
    List<Skill> skills(Caller caller);
}
