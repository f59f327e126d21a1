package com.chimti.ai.core.service.chat;

import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.ManageActions;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.out.ActionGateway;
import java.util.List;
import java.util.Objects;

/**
 * Which actions a chat turn offers the model: the gateway's action types whose roles include the caller, proposed
 * through {@link ManageActions}. {@link #NONE} offers nothing (actions not wired).
 */
public final class ChatActions {
    public static final ChatActions NONE = new ChatActions(null, null);

    private final ManageActions actions;
    private final ActionGateway gateway;

    private ChatActions(ManageActions actions, ActionGateway gateway) {
        this.actions = actions;
        this.gateway = gateway;
    }

    public static ChatActions of(ManageActions actions, ActionGateway gateway) {
        return new ChatActions(Objects.requireNonNull(actions, "actions"), Objects.requireNonNull(gateway, "gateway"));
    }

    /** The channel of one turn, or null when the caller may propose nothing. */
    TurnProposals forTurn(Caller caller, ChatId chatId, TurnEvents events) {
        if (actions == null) {
            return null;
        }
        List<ActionSpec> offered = gateway.specs().stream()
                .filter(spec -> spec.allowedRoles().stream().anyMatch(caller::hasRole))
                .toList();
        return offered.isEmpty() ? null : new TurnProposals(actions, caller, chatId, offered, events);
    }
}
