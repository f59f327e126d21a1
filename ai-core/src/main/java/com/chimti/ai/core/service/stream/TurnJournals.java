package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.domain.chat.ChatId;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The journal of the latest streamed turn of each chat, in this process only. Bounded: at most
 * {@value #MAX_CHATS} chats (least recently used go first), a finished turn is kept for a few minutes, and each
 * journal is bounded itself (see {@link TurnJournal}).
 */
final class TurnJournals {
    static final int MAX_CHATS = 256;
    private static final long RETENTION_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final Map<ChatId, TurnJournal> byChat = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ChatId, TurnJournal> eldest) {
            return size() > MAX_CHATS;
        }
    };

    private final StreamSettings settings;

    TurnJournals(StreamSettings settings) {
        this.settings = settings;
    }

    synchronized TurnJournal begin(ChatId chatId, String key) {
        evictExpired();
        TurnJournal journal = new TurnJournal(key, settings);
        byChat.put(chatId, journal);
        return journal;
    }

    synchronized Optional<TurnJournal> latest(ChatId chatId) {
        evictExpired();
        return Optional.ofNullable(byChat.get(chatId));
    }

    private void evictExpired() {
        for (Iterator<TurnJournal> it = byChat.values().iterator(); it.hasNext(); ) {
            if (it.next().finishedLongerAgoThan(RETENTION_NANOS)) {
                it.remove();
            }
        }
    }
}
