package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.TenantUser;

/**
 * The turns and processes of the other instances of the server (on the same database): for a cancel that reached
 * an instance other than the one running the turn, and for an erasure, which must stop the user's processes on
 * every instance.
 */
public interface TurnsElsewhere {
    /** Asks the other instances to cancel the chat's running turn: true when one of them had one and cancelled it. */
    boolean cancel(ChatId chatId);

    /**
     * Asks the other instances to forget the user with each of their providers ({@link AiAccounts#forget}: the
     * user's processes there stopped, their profile deleted) and waits, within a bound, until the instances that
     * answered have done so. Nothing is refused there afterwards: the erasure's own refusal holds on the asking
     * instance only, and a later turn elsewhere finds no login. The default, for one instance, does nothing.
     */
    default void forget(TenantUser user) {
    }

    /** One instance only: nothing runs elsewhere. */
    TurnsElsewhere NONE = chatId -> false;
}
