package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.AiAction;
import com.chimti.ai.core.domain.Caller;
import com.chimti.ai.core.domain.ChatId;
import java.util.Map;

/**
 * Where model proposals become controlled backend work. The model only proposes; the gateway validates the
 * proposal against its handlers (type, fields, roles, scope) and executes a confirmed one at most once.
 */
public interface ActionGateway {

    /** Records the proposal as {@code proposed}, or {@code rejected} with the reason when it fails validation. */
    AiAction propose(Caller caller, ChatId chatId, String actionType, Map<String, Object> input);

    /** Runs the proposal's handler once and returns it {@code executed} or {@code failed}. */
    AiAction confirm(Caller caller, AiAction action);

    AiAction reject(Caller caller, AiAction action);
}
