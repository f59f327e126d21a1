package com.chimti.ai.core.domain.chat;

import java.util.Objects;

/** A message as a provider sees it: only role and text. */
public record PromptMessage(MessageRole role, String content) {
    public PromptMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    public static PromptMessage of(AiMessage message) {
        return new PromptMessage(message.role(), message.content());
    }
}
