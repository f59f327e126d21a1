package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.paging.Page;
import com.chimti.ai.core.domain.paging.PageCursor;
import com.chimti.ai.core.domain.paging.PageOrder;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.port.out.MessageRepository;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

public final class InMemoryMessageRepository implements MessageRepository {
    private static final Comparator<AiMessage> OLDEST_FIRST =
            Comparator.comparing(AiMessage::createdAt).thenComparing(m -> m.id().value());

    private final List<AiMessage> messages = new CopyOnWriteArrayList<>();

    @Override
    public void insert(AiMessage message) {
        messages.add(message);
    }

    @Override
    public Page<AiMessage> findByChat(ChatId chatId, PageRequest page) {
        List<AiMessage> inChat = messages.stream().filter(m -> m.chatId().equals(chatId)).toList();
        return PageOrder.OLDEST_FIRST.page(inChat, page, m -> new PageCursor(m.createdAt(), m.id().value()));
    }

    @Override
    public List<AiMessage> findLatest(ChatId chatId, int count) {
        List<AiMessage> all = new ArrayList<>(messages.stream().filter(m -> m.chatId().equals(chatId))
                .sorted(OLDEST_FIRST).toList());
        return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }

    void deleteChat(ChatId chatId) {
        messages.removeIf(m -> m.chatId().equals(chatId));
    }

    public List<AiMessage> all() {
        return List.copyOf(messages);
    }
}
