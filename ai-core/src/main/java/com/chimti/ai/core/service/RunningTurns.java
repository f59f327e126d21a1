package com.chimti.ai.core.service;

import com.chimti.ai.core.domain.CancellationSignal;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.ConflictException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The turns running in this process, one per chat at most, so they can be cancelled by chat id. */
public final class RunningTurns {
    private final ConcurrentMap<ChatId, CancellationSignal> running = new ConcurrentHashMap<>();

    /** Registers a new turn for the chat; refuses when one is already running there. */
    public CancellationSignal begin(ChatId chatId) {
        CancellationSignal signal = new CancellationSignal();
        if (running.putIfAbsent(chatId, signal) != null) {
            throw new ConflictException("a turn is already running in this chat");
        }
        return signal;
    }

    public void end(ChatId chatId, CancellationSignal signal) {
        running.remove(chatId, signal);
    }

    public Optional<CancellationSignal> find(ChatId chatId) {
        return Optional.ofNullable(running.get(chatId));
    }

    /** Cancels every running turn, for shutdown. */
    public void cancelAll() {
        running.values().forEach(CancellationSignal::cancel);
    }

    public int count() {
        return running.size();
    }
}
