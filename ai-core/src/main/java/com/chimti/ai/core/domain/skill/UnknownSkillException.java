package com.chimti.ai.core.domain.skill;

import com.chimti.ai.core.domain.AiException;

/**
 * A tool call named a skill that is not on the allowlist. The message never echoes the requested name, so a
 * caller cannot use it to probe or to reflect text into the response.
 */
public class UnknownSkillException extends AiException {
    public UnknownSkillException() {
        super("skill is not on the allowlist");
    }
}
