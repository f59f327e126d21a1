package com.chimti.ai.core.testing;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.port.out.TurnEventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link TurnEventLog} in memory: one instance shared by two streaming services stands for the PostgreSQL log two
 * server instances share. Like it, an unknown turn reads as finished; unlike it, writes are visible at once.
 */
public final class InMemoryTurnEventLog implements TurnEventLog {
    private static final class Turn {
        final List<Event> events = new ArrayList<>();
        boolean finished;
    }

    private final Map<String, Turn> turns = new HashMap<>();
    private final Map<ChatId, String> latestByChat = new HashMap<>();
    private final Map<String, Long> followedAtNanos = new HashMap<>();

    @Override
    public synchronized void append(ChatId chatId, String turnKey, long seq, String name, String data) {
        Turn turn = turns.computeIfAbsent(turnKey, key -> new Turn());
        if (seq != turn.events.size() + 1) {
            throw new IllegalArgumentException("events must come in order: " + seq + " after " + turn.events.size());
        }
        turn.events.add(new Event(seq, name, data));
        latestByChat.put(chatId, turnKey);
        notifyAll();
    }

    @Override
    public synchronized void finish(ChatId chatId, String turnKey) {
        turns.computeIfAbsent(turnKey, key -> new Turn()).finished = true;
        notifyAll();
    }

    @Override
    public synchronized Optional<String> latestTurn(ChatId chatId) {
        return Optional.ofNullable(latestByChat.get(chatId));
    }

    @Override
    public synchronized Slice read(String turnKey, long afterSeq, int max) {
        Turn turn = turns.get(turnKey);
        if (turn == null) {
            return new Slice(List.of(), true);
        }
        int from = (int) Math.min(afterSeq, turn.events.size());
        int to = Math.min(turn.events.size(), from + max);
        return new Slice(turn.events.subList(from, to), turn.finished);
    }

    @Override
    public synchronized void awaitChange(String turnKey, Duration timeout) throws InterruptedException {
        TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, timeout.toNanos()));
    }

    @Override
    public synchronized void markFollowed(String turnKey) {
        followedAtNanos.put(turnKey, System.nanoTime());
    }

    @Override
    public synchronized boolean followedWithin(String turnKey, Duration window) {
        Long followed = followedAtNanos.get(turnKey);
        return followed != null && System.nanoTime() - followed <= window.toNanos();
    }

    /** How many events of the turn are kept (to wait until a running turn has written some). */
    public synchronized int size(String turnKey) {
        Turn turn = turns.get(turnKey);
        return turn == null ? 0 : turn.events.size();
    }
}
