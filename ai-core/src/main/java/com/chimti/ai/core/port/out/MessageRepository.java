package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageRequest;
import java.util.List;

public interface MessageRepository {

    void insert(AiMessage message);

    /** Oldest first. */
    Page<AiMessage> findByChat(ChatId chatId, PageRequest page);

    /** The newest {@code count} messages of the chat, returned oldest first. */
    List<AiMessage> findLatest(ChatId chatId, int count);
}
