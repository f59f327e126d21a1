package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.MessageDraft;
import java.util.Optional;

/** The {@code ai_message_drafts} table, written only by the draft_customer_message action. */
public interface MessageDraftRepository {

    void insert(MessageDraft draft);

    Optional<MessageDraft> findByAction(ActionId actionId);
}
