package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.chat.ChatId;

/**
 * The turns running on the other instances of the server (on the same database), for a cancel that reached an
 * instance other than the one running the turn.
 */
public interface TurnsElsewhere {
    /** Asks the other instances to cancel the chat's running turn: true when one of them had one and cancelled it. */
    boolean cancel(ChatId chatId);

    /** One instance only: nothing runs elsewhere. */
    TurnsElsewhere NONE = chatId -> false;
}
