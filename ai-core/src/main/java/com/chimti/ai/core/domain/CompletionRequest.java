package com.chimti.ai.core.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One turn for a provider: the conversation so far (last message is the new user message), the scoped
 * business context, the model, and how long it may take. {@code chatId} is null for one-shot calls.
 */
public record CompletionRequest(
        UserId userId,
        BrandId brandId,
        LocationId locationId,
        ChatId chatId,
        List<PromptMessage> messages,
        AiContext context,
        String model,
        Duration timeout,
        CancellationSignal cancellation) {

    public CompletionRequest {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(timeout, "timeout");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new ValidationException("a turn needs at least one message");
        }
        context = context == null ? AiContext.EMPTY : context;
        cancellation = cancellation == null ? new CancellationSignal() : cancellation;
    }

    public PromptMessage lastMessage() {
        return messages.get(messages.size() - 1);
    }
}
