package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.tenancy.Caller;

/** Messages of a chat, and turns that run them through the chat's provider. */
public interface Converse {

    /** Stores the user message, runs the turn (blocking), stores the answer. */
    TurnResult send(SendMessageCommand command, TurnEvents events);

    Page<AiMessage> messages(ListMessagesQuery query);

    /** Stops the chat's running turn; returns false when none was running. */
    boolean cancel(Caller caller, ChatId chatId);
}
