package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.tenancy.Caller;

/** A caller's own chats. A chat that is not the caller's is reported as not found. */
public interface ManageChats {

    AiChat create(CreateChatCommand command);

    Page<AiChat> list(ListChatsQuery query);

    AiChat get(Caller caller, ChatId chatId);

    AiChat rename(RenameChatCommand command);

    void delete(Caller caller, ChatId chatId);
}
