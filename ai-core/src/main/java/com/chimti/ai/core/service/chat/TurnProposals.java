package com.chimti.ai.core.service.chat;

import com.chimti.ai.core.domain.AiException;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionProposals;
import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.action.ProposalOutcome;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.ManageActions;
import com.chimti.ai.core.port.in.TurnEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The proposal channel of one chat turn: bound to the turn's caller and chat, it hands every proposal to
 * {@link ManageActions#propose} (which records and validates it), tells the turn's listener, and remembers the
 * ids for the answer's metadata. At most {@link #MAX_PER_TURN} proposals per turn are recorded, so a looping
 * model cannot flood the action table.
 */
final class TurnProposals implements ActionProposals {
    static final int MAX_PER_TURN = 10;

    private final ManageActions actions;
    private final Caller caller;
    private final ChatId chatId;
    private final List<ActionSpec> offered;
    private final TurnEvents events;
    private final List<ActionId> proposed = new ArrayList<>();

    TurnProposals(ManageActions actions, Caller caller, ChatId chatId, List<ActionSpec> offered, TurnEvents events) {
        this.actions = Objects.requireNonNull(actions, "actions");
        this.caller = Objects.requireNonNull(caller, "caller");
        this.chatId = Objects.requireNonNull(chatId, "chatId");
        this.offered = List.copyOf(offered);
        this.events = events == null ? TurnEvents.NONE : events;
    }

    @Override
    public List<ActionSpec> offered() {
        return offered;
    }

    @Override
    public synchronized ProposalOutcome propose(String actionType, Map<String, Object> input) {
        if (proposed.size() >= MAX_PER_TURN) {
            return ProposalOutcome.notRecorded("at most " + MAX_PER_TURN + " actions can be proposed in one turn");
        }
        AiAction action;
        try {
            action = actions.propose(caller, chatId, actionType, input);
        } catch (AiException refused) {
            // e.g. the AI module was switched off or the chat deleted mid-turn; domain messages are safe to show
            return ProposalOutcome.notRecorded(refused.getMessage());
        }
        proposed.add(action.id());
        events.onAction(action);
        return ProposalOutcome.recorded(action);
    }

    /** The ids of the actions recorded in this turn, in order. */
    synchronized List<String> proposedIds() {
        return proposed.stream().map(ActionId::value).toList();
    }
}
