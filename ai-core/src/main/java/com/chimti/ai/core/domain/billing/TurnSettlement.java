package com.chimti.ai.core.domain.billing;

import com.chimti.ai.core.domain.billing.UsageEntry;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.MessageRole;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one provider call leaves behind, written all together or not at all: the end of its credit hold (a charge
 * of {@code charge} credits on reservation {@code reservationId}, none when the call was not billed), its usage
 * row, and for a chat turn that answered the assistant message (which also touches its chat).
 *
 * <p>The usage row and the answer's {@code credits} metadata say what the wallet was charged; when the
 * reservation turns out to be no longer open (voided by a sweep), the writer books {@link #withCredits(long) 0}
 * everywhere so the ledger and the usage log never disagree.
 */
public record TurnSettlement(String reservationId, long charge, UsageEntry usage, AiMessage answer) {
    public static final String CREDITS_KEY = "credits";

    public TurnSettlement {
        Objects.requireNonNull(usage, "usage");
        if (charge < 0) {
            throw new IllegalArgumentException("charge cannot be negative");
        }
        if (reservationId == null && charge != 0) {
            throw new IllegalArgumentException("an unbilled call cannot be charged");
        }
        if (usage.credits() != charge) {
            throw new IllegalArgumentException("the usage row must record the charge");
        }
        if (answer != null && answer.role() != MessageRole.ASSISTANT) {
            throw new IllegalArgumentException("only an assistant answer is settled with its turn");
        }
    }

    /** Unbilled (no hold, or a hold already voided): the usage row, and the answer if any, at 0 credits. */
    public static TurnSettlement unbilled(UsageEntry usage, AiMessage answer) {
        return new TurnSettlement(null, 0, usage, answer).withCredits(0);
    }

    /** The same turn with another charge in the usage row and the answer's metadata. */
    public TurnSettlement withCredits(long credits) {
        UsageEntry charged = usage.withCredits(credits);
        AiMessage a = answer;
        if (a != null && a.metadata().containsKey(CREDITS_KEY)) {
            Map<String, Object> metadata = new LinkedHashMap<>(a.metadata());
            metadata.put(CREDITS_KEY, credits);
            a = new AiMessage(a.id(), a.chatId(), a.role(), a.content(), a.provider(), a.model(), metadata,
                    a.createdAt());
        }
        return new TurnSettlement(reservationId, credits, charged, a);
    }
}
