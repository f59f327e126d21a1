package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.ActionId;
import com.chimti.ai.core.domain.ActionStatus;
import com.chimti.ai.core.domain.AiAction;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.UserId;
import java.util.List;
import java.util.Optional;

public interface ActionRepository {

    void insert(AiAction action);

    Optional<AiAction> findById(ActionId id);

    List<AiAction> findByUser(UserId userId, ChatId chatId);

    /**
     * Moves the action from {@code expected} to the new state in one conditional write, so two concurrent
     * confirms cannot both win. Returns false when the action was not in {@code expected}.
     */
    boolean transition(AiAction updated, ActionStatus expected);
}
