package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.Objects;

/**
 * Resume the stream of a chat's latest turn.
 *
 * @param lastEventId the id of the last event the client received; null, malformed or one of another turn
 *                    replays the turn from its start
 */
public record ResumeStreamQuery(Caller caller, ChatId chatId, String lastEventId) {
    public ResumeStreamQuery {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(chatId, "chatId");
    }
}
