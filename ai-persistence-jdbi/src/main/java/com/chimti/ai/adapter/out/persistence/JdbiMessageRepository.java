package com.chimti.ai.adapter.out.persistence;

import com.chimti.ai.core.domain.AiMessage;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.Page;
import com.chimti.ai.core.domain.PageCursor;
import com.chimti.ai.core.domain.PageRequest;
import com.chimti.ai.core.port.out.MessageRepository;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

final class JdbiMessageRepository implements MessageRepository {
    private final MessageDao dao;

    JdbiMessageRepository(Jdbi jdbi) {
        this.dao = jdbi.onDemand(MessageDao.class);
    }

    @Override
    public void insert(AiMessage message) {
        dao.insert(Rows.bindings(MessageRow.of(message)));
    }

    @Override
    public Page<AiMessage> findByChat(ChatId chatId, PageRequest page) {
        PageCursor after = page.cursor();
        int fetch = page.limit() + 1;
        List<MessageRow> rows = after == null
                ? dao.firstPage(chatId.value(), fetch)
                : dao.pageAfter(chatId.value(), Times.micros(after.at()), after.id(), fetch);
        return Pages.of(rows.stream().map(MessageRow::toDomain).toList(), page.limit(),
                m -> new PageCursor(m.createdAt(), m.id().value()));
    }

    @Override
    public List<AiMessage> findLatest(ChatId chatId, int count) {
        if (count <= 0) {
            return List.of();
        }
        return dao.latest(chatId.value(), count).stream().map(MessageRow::toDomain).toList();
    }
}
