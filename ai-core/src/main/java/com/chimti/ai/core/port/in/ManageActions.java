package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.List;
import java.util.Map;

/**
 * Model proposals turned into controlled backend work. The model only proposes; the backend validates the
 * proposal against the action registry and runs a confirmed one at most once. An action of another user is
 * reported as not found; confirming or rejecting an action that is no longer proposed is a conflict.
 */
public interface ManageActions {

    /**
     * Records the proposal as {@code proposed} with its input, then validates it: an invalid one becomes
     * {@code rejected} (result {@code {reason, detail}}); a valid one whose handler needs no confirmation runs
     * at once. Called by a chat turn's proposal channel (the model's tool call), never by a route.
     */
    AiAction propose(Caller caller, ChatId chatId, String actionType, Map<String, Object> input);

    /** The caller's actions, newest first; all of them when {@code chatId} is null, else the chat's (own chat). */
    List<AiAction> list(Caller caller, ChatId chatId);

    AiAction get(Caller caller, ActionId actionId);

    /** Runs the proposal's handler once; returns the action {@code executed} or {@code failed}. */
    AiAction confirm(Caller caller, ActionId actionId);

    /** Marks a proposal {@code rejected} (reason {@code rejected_by_user}); it can never run afterwards. */
    AiAction reject(Caller caller, ActionId actionId);
}
