package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import java.util.List;
import java.util.Optional;

public interface ActionRepository {

    void insert(AiAction action);

    /** The action; rows whose client could not be told at migration (V9) are never found. */
    Optional<AiAction> findById(ActionId id);

    /** The owner's actions, newest first; only the chat's when {@code chatId} is set. */
    List<AiAction> findByOwner(TenantUser owner, ChatId chatId);

    /**
     * Moves the action from {@code expected} to the new state in one conditional write, so two concurrent
     * confirms cannot both win. Returns false when the action was not in {@code expected}.
     */
    boolean transition(AiAction updated, ActionStatus expected);
}
