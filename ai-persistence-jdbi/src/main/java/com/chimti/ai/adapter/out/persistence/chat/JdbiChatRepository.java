package com.chimti.ai.adapter.out.persistence.chat;

import com.chimti.ai.adapter.out.persistence.sql.Rows;
import com.chimti.ai.adapter.out.persistence.sql.Times;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.out.ChatRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

public final class JdbiChatRepository implements ChatRepository {
    // Listing reads run on plain JDBC (see HotReads), so their parameters are positional.
    private static final String SELECT = "SELECT " + ChatDao.COLUMNS + " FROM ai_chats WHERE ";
    // Without and with a brand filter as two statements, not one "(? IS NULL OR brand_id = ?)": PostgreSQL
    // caches one generic plan per prepared statement, and that optional condition kept it planning afresh.
    private static final String OWNER = "user_id = ? AND client_id = ?";
    private static final String OWNER_IN_BRAND = OWNER + " AND brand_id = ?";
    /**
     * The page past the cursor, newest first ({@link com.chimti.ai.core.domain.paging.PageOrder#NEWEST_FIRST}): the row
     * comparison walks the (user_id, client_id, updated_at DESC, id DESC) index from the cursor on.
     */
    private static final String AFTER_CURSOR = " AND (updated_at, id) < (?, ?)";
    private static final String NEWEST_FIRST = " ORDER BY updated_at DESC, id DESC LIMIT ?";
    private static final String FIND_BY_ID = SELECT + "id = ?";
    private static final String FIRST_PAGE = SELECT + OWNER + NEWEST_FIRST;
    private static final String PAGE_AFTER = SELECT + OWNER + AFTER_CURSOR + NEWEST_FIRST;
    private static final String FIRST_PAGE_IN_BRAND = SELECT + OWNER_IN_BRAND + NEWEST_FIRST;
    private static final String PAGE_AFTER_IN_BRAND = SELECT + OWNER_IN_BRAND + AFTER_CURSOR + NEWEST_FIRST;

    private final ChatDao dao;
    private final HotReads reads;

    /** @param pool where the listing reads run as plain JDBC */
    public JdbiChatRepository(Jdbi jdbi, DataSource pool) {
        this.dao = jdbi.onDemand(ChatDao.class);
        this.reads = new HotReads(pool);
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
        return reads.one(FIND_BY_ID, ChatRow::read, id.value()).map(ChatRow::toDomain);
    }

    @Override
    public Page<AiChat> findByOwner(UserId userId, ClientId clientId, BrandId brandId, PageRequest page) {
        PageCursor after = page.cursor();
        List<Object> parameters = new ArrayList<>(List.of(userId.value(), clientId.value()));
        if (brandId != null) {
            parameters.add(brandId.value());
        }
        if (after != null) {
            parameters.add(Times.micros(after.at()));
            parameters.add(after.id());
        }
        parameters.add(page.fetchSize());
        String sql = brandId == null
                ? (after == null ? FIRST_PAGE : PAGE_AFTER)
                : (after == null ? FIRST_PAGE_IN_BRAND : PAGE_AFTER_IN_BRAND);
        List<ChatRow> rows = reads.list(sql, ChatRow::read, parameters.toArray());
        return page.pageOf(rows.stream().map(ChatRow::toDomain).toList(),
                c -> new PageCursor(c.updatedAt(), c.id().value()));
    }

    @Override
    public boolean delete(ChatId id) {
        // ai_messages cascades on the foreign key, so one statement removes the chat with its messages.
        return dao.delete(id.value()) > 0;
    }
}
