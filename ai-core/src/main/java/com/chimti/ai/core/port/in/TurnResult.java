package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;

/** A finished turn: both stored messages, what it used, and how it ended. */
public record TurnResult(AiMessage userMessage, AiMessage assistantMessage, TokenUsage usage, long credits,
                         TurnOutcome outcome) {
}
