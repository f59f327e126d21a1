package com.chimti.ai.adapter.out.persistence.action;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.action.ActionStatus;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.ActionRepository;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link #findByOwner} lists newest first; a null chat id means all of the owner's actions. Rows V9 could not give
 * a client (client_id NULL) are never read.
 */
public final class JdbiActionRepository implements ActionRepository {
    private final ActionDao dao;

    public JdbiActionRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(ActionDao.class);
    }

    @Override
    public void insert(AiAction action) {
        dao.insert(Rows.bindings(ActionRow.of(action)));
    }

    @Override
    public Optional<AiAction> findById(ActionId id) {
        return dao.findById(id.value()).map(ActionRow::toDomain);
    }

    @Override
    public List<AiAction> findByOwner(TenantUser owner, ChatId chatId) {
        return dao.findByOwner(owner.clientId().value(), owner.userId().value(),
                        chatId == null ? null : chatId.value()).stream()
                .map(ActionRow::toDomain).toList();
    }

    @Override
    public boolean transition(AiAction updated, ActionStatus expected) {
        return dao.transition(Rows.bindings(ActionRow.of(updated)), expected.wireName()) == 1;
    }
}
