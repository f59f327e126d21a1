package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.core.domain.AiChat;
import com.chimti.ai.core.domain.BrandId;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.ClientId;
import com.chimti.ai.core.domain.Page;
import com.chimti.ai.core.domain.PageCursor;
import com.chimti.ai.core.domain.PageRequest;
import com.chimti.ai.core.domain.UserId;
import com.chimti.ai.core.port.out.ChatRepository;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

final class JdbiChatRepository implements ChatRepository {
    private final ChatDao dao;

    JdbiChatRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(ChatDao.class);
    }

    @Override
    public void insert(AiChat chat) {
        dao.insert(Rows.bindings(ChatRow.of(chat)));
    }

    @Override
    public boolean update(AiChat chat) {
        return dao.update(Rows.bindings(ChatRow.of(chat))) > 0;
    }

    @Override
    public Optional<AiChat> findById(ChatId id) {
        return dao.findById(id.value()).map(ChatRow::toDomain);
    }

    @Override
    public Page<AiChat> findByOwner(UserId userId, ClientId clientId, BrandId brandId, PageRequest page) {
        String brand = brandId == null ? null : brandId.value();
        PageCursor after = page.cursor();
        int fetch = page.limit() + 1;
        List<ChatRow> rows = after == null
                ? dao.firstPage(userId.value(), clientId.value(), brand, fetch)
                : dao.pageAfter(userId.value(), clientId.value(), brand, Times.micros(after.at()), after.id(), fetch);
        return Pages.of(rows.stream().map(ChatRow::toDomain).toList(), page.limit(),
                c -> new PageCursor(c.updatedAt(), c.id().value()));
    }

    @Override
    public boolean delete(ChatId id) {
        // ai_messages cascades on the foreign key, so one statement removes the chat with its messages.
        return dao.delete(id.value()) > 0;
    }
}
