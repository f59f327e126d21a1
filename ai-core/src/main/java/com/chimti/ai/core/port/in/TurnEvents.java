package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.port.out.TurnListener;

/** What a caller of {@link Converse#send} hears while a turn runs: the stored user message, then the stream. */
public interface TurnEvents extends TurnListener {
    TurnEvents NONE = new TurnEvents() {
    };

    default void onUserMessage(AiMessage userMessage) {
    }

    /**
     * The model proposed an action during the turn and the backend recorded it (as {@code proposed}, or already
     * {@code rejected} with its reason). Called from the provider's thread, before the model hears the outcome.
     */
    default void onAction(AiAction action) {
    }
}
