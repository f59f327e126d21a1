package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.Objects;

public record RenameChatCommand(Caller caller, ChatId chatId, String title) {
    public RenameChatCommand {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(chatId, "chatId");
    }
}
