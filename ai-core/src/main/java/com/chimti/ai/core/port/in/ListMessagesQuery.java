package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.Objects;

public record ListMessagesQuery(Caller caller, ChatId chatId, PageRequest page) {
    public ListMessagesQuery {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(page, "page");
    }
}
