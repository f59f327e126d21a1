package com.chimti.ai.core.domain.action;

import java.util.List;
import java.util.Map;

/**
 * What a turn lets the model propose: the action types on offer (only those the caller's roles may run) and the
 * one way to propose one. The channel is bound to the turn's caller and chat, so the model can neither pick the
 * user nor the chat; it only names an action type and its input. Proposing records the action and returns an
 * outcome for the model; nothing runs without the user's confirmation unless the handler needs none.
 *
 * <p>A provider that cannot offer tools simply ignores the channel. {@link #NONE} offers nothing (one-shot calls,
 * or no actions wired).
 */
public interface ActionProposals {
    ActionProposals NONE = new ActionProposals() {
        @Override
        public List<ActionSpec> offered() {
            return List.of();
        }

        @Override
        public ProposalOutcome propose(String actionType, Map<String, Object> input) {
            return ProposalOutcome.notRecorded("no actions can be proposed in this conversation");
        }
    };

    /** The action types the model may propose in this turn; empty means no tool is offered. */
    List<ActionSpec> offered();

    /**
     * Records a proposal of {@code actionType} with {@code input} (a JSON-like map, as the model sent it) for the
     * turn's caller and chat. Never throws for a bad proposal: an unknown type, a missing field or a brand outside
     * the caller's scope comes back as a rejected outcome the model can read.
     */
    ProposalOutcome propose(String actionType, Map<String, Object> input);

    default boolean isEmpty() {
        return offered().isEmpty();
    }
}
