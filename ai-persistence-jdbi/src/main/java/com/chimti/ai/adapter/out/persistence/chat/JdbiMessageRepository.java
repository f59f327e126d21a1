package com.chimti.ai.adapter.out.persistence.chat;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.port.out.MessageRepository;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

public final class JdbiMessageRepository implements MessageRepository {
    // Listing reads run on plain JDBC (see HotReads), so their parameters are positional.
    private static final String SELECT = "SELECT " + MessageDao.COLUMNS + " FROM ai_messages WHERE chat_id = ?";
    private static final String OLDEST_FIRST = " ORDER BY created_at, id LIMIT ?";
    private static final String FIRST_PAGE = SELECT + OLDEST_FIRST;
    /** The page past the cursor, oldest first ({@link com.chimti.ai.core.domain.paging.PageOrder#OLDEST_FIRST}). */
    private static final String PAGE_AFTER = SELECT + " AND (created_at, id) > (?, ?)" + OLDEST_FIRST;

    private final MessageDao dao;
    private final HotReads reads;

    /** @param pool where the listing reads run as plain JDBC */
    public JdbiMessageRepository(Jdbi jdbi, DataSource pool) {
        this.dao = jdbi.onDemand(MessageDao.class);
        this.reads = new HotReads(pool);
    }

    /**
     * Inserts a turn's answer and moves its chat up the list, on the caller's handle: a settlement writes them in
     * its own transaction, with the charge and the usage row.
     */
    public static void insertAnswer(Handle handle, AiMessage answer) {
        handle.attach(MessageDao.class).insert(Rows.bindings(MessageRow.of(answer)));
        handle.attach(ChatDao.class).touch(answer.chatId().value(), Times.micros(answer.createdAt()));
    }

    @Override
    public void insert(AiMessage message) {
        dao.insert(Rows.bindings(MessageRow.of(message)));
    }

    @Override
    public Page<AiMessage> findByChat(ChatId chatId, PageRequest page) {
        PageCursor after = page.cursor();
        int fetch = page.fetchSize();
        List<MessageRow> rows = after == null
                ? reads.list(FIRST_PAGE, MessageRow::read, chatId.value(), fetch)
                : reads.list(PAGE_AFTER, MessageRow::read, chatId.value(), Times.micros(after.at()), after.id(),
                        fetch);
        return page.pageOf(rows.stream().map(MessageRow::toDomain).toList(),
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
