package com.chimti.ai.core.service.turn;

import com.chimti.ai.core.port.out.ProfileLocks;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The turns of each user running in this process: one count per user, capped, and the user's cross-instance
 * {@link ProfileLocks} lock held while that count is above zero (the first turn takes it, the last one to end
 * releases it, the turns in between share it). Only the user's own monitor is held while the lock store is
 * asked, so other users are never held up.
 */
final class UserTurns {
    /** What {@link #enter} decided. */
    enum Entry { ENTERED, USER_FULL, HELD_ELSEWHERE }

    private final ProfileLocks locks;
    private final ConcurrentMap<String, User> users = new ConcurrentHashMap<>();

    UserTurns(ProfileLocks locks) {
        this.locks = Objects.requireNonNull(locks, "locks");
    }

    /**
     * Counts one more turn of the user unless {@code max} of theirs already run here or another instance holds
     * their lock; throws when the lock store cannot be reached (nothing is then counted).
     */
    Entry enter(String user, int max) {
        while (true) {
            User held = users.computeIfAbsent(user, k -> new User());
            synchronized (held) {
                if (held.retired) {
                    continue; // ended while we looked it up: take a fresh one
                }
                if (held.turns >= max) {
                    return Entry.USER_FULL;
                }
                if (held.lock == null) {
                    Optional<ProfileLocks.Lock> lock;
                    try {
                        lock = locks.tryLock(user);
                    } catch (RuntimeException unreachable) {
                        retire(user, held);
                        throw unreachable;
                    }
                    if (lock.isEmpty()) {
                        retire(user, held);
                        return Entry.HELD_ELSEWHERE;
                    }
                    held.lock = lock.get();
                }
                held.turns++;
                return Entry.ENTERED;
            }
        }
    }

    /** Counts one turn of the user less, releasing their lock with the last one. */
    void leave(String user) {
        User held = users.get(user);
        if (held == null) {
            return;
        }
        synchronized (held) {
            if (held.retired || --held.turns > 0) {
                return;
            }
            try {
                held.lock.close();
            } finally {
                retire(user, held);
            }
        }
    }

    private void retire(String user, User held) {
        held.retired = true;
        users.remove(user, held);
    }

    private static final class User {
        private ProfileLocks.Lock lock;
        private int turns;
        private boolean retired;
    }
}
