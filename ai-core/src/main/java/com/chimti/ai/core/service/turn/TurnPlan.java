package com.chimti.ai.core.service.turn;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.out.AiProvider;
import java.util.Objects;

/**
 * Who runs one provider turn, where, and how it is booked: what the {@link TurnEnvelope} admits, holds, charges
 * and records the turn under.
 *
 * @param caller    whose limits, wallet and usage it counts against
 * @param provider  what runs it
 * @param model     the model asked for: priced by the hold, and recorded when the provider names none
 * @param brandId   the chat's brand (its limits and wallet), or null (one-shot calls, brand-less chats)
 * @param chatId    the chat it runs in (one turn per chat at a time, cancelled by the chat's id), or null
 * @param usageKind the usage row's kind ({@code chat}, {@code one_shot}, {@code tool:<skill>})
 */
public record TurnPlan(Caller caller, AiProvider provider, String model, BrandId brandId, ChatId chatId,
                       String usageKind) {
    public TurnPlan {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(usageKind, "usageKind");
    }
}
