package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageOrder;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.out.ChatRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

public final class InMemoryChatRepository implements ChatRepository {
    private final Map<ChatId, AiChat> chats = new ConcurrentHashMap<>();
    private final InMemoryMessageRepository messages;

    public InMemoryChatRepository(InMemoryMessageRepository messages) {
        this.messages = messages;
    }

    @Override
    public void insert(AiChat chat) {
        chats.put(chat.id(), chat);
    }

    @Override
    public boolean update(AiChat chat) {
        return chats.replace(chat.id(), chat) != null;
    }

    @Override
    public Optional<AiChat> findById(ChatId id) {
        return Optional.ofNullable(chats.get(id));
    }

    @Override
    public Page<AiChat> findByOwner(UserId userId, ClientId clientId, BrandId brandId, PageRequest page) {
        List<AiChat> owned = chats.values().stream()
                .filter(c -> c.userId().equals(userId) && c.clientId().equals(clientId))
                .filter(c -> brandId == null || brandId.equals(c.brandId()))
                .toList();
        return PageOrder.NEWEST_FIRST.page(owned, page, c -> new PageCursor(c.updatedAt(), c.id().value()));
    }

    @Override
    public boolean delete(ChatId id) {
        messages.deleteChat(id);
        return chats.remove(id) != null;
    }

    public int size() {
        return chats.size();
    }
}
