package com.chimti.ai.adapter.out.persistence.action;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.MessageDraft;
import com.chimti.ai.core.port.out.MessageDraftRepository;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** ai_message_drafts; a second draft for the same action violates the unique action_id and throws. */
public final class JdbiMessageDraftRepository implements MessageDraftRepository {
    private final ActionTablesDao dao;

    public JdbiMessageDraftRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(ActionTablesDao.class);
    }

    @Override
    public void insert(MessageDraft draft) {
        dao.insertDraft(Rows.bindings(MessageDraftRow.of(draft)));
    }

    @Override
    public Optional<MessageDraft> findByAction(ActionId actionId) {
        return dao.findDraft(actionId.value()).map(MessageDraftRow::toDomain);
    }
}
