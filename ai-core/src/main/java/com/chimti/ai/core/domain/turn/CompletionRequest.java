package com.chimti.ai.core.domain.turn;

import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.action.ActionProposals;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.context.AiContext;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One turn for a provider: the conversation so far (last message is the new user message), the scoped
 * business context, the model, and how long it may take. {@code chatId} is null for one-shot calls.
 * {@code proposals} is what the model may propose during the turn ({@link ActionProposals#NONE} by default: no
 * action tool is offered); a provider that can offer tools offers them, one that cannot ignores it.
 */
public record CompletionRequest(
        TenantUser user,
        BrandId brandId,
        LocationId locationId,
        ChatId chatId,
        List<PromptMessage> messages,
        AiContext context,
        String model,
        Duration timeout,
        CancellationSignal cancellation,
        ActionProposals proposals) {

    /** A turn that offers no actions. */
    public CompletionRequest(TenantUser user, BrandId brandId, LocationId locationId, ChatId chatId,
                             List<PromptMessage> messages, AiContext context, String model, Duration timeout,
                             CancellationSignal cancellation) {
        this(user, brandId, locationId, chatId, messages, context, model, timeout, cancellation, null);
    }

    public CompletionRequest {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(timeout, "timeout");
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new ValidationException("a turn needs at least one message");
        }
        context = context == null ? AiContext.EMPTY : context;
        cancellation = cancellation == null ? new CancellationSignal() : cancellation;
        proposals = proposals == null ? ActionProposals.NONE : proposals;
    }

    public PromptMessage lastMessage() {
        return messages.get(messages.size() - 1);
    }
}
