package com.chimti.ai.core.service;

import com.chimti.ai.core.port.out.ProfileLocks;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Holds a user's cross-instance {@link ProfileLocks} lock while at least one of that user's turns runs in this
 * process: the first turn takes it, the last one to end releases it, the turns in between share it. Only the
 * user's own monitor is held while the lock store is asked, so other users are never held up.
 */
final class ProfileHolds {
    private final ProfileLocks locks;
    private final ConcurrentMap<String, Hold> holds = new ConcurrentHashMap<>();

    ProfileHolds(ProfileLocks locks) {
        this.locks = Objects.requireNonNull(locks, "locks");
    }

    /** Joins the user's hold; false when another instance holds the user's lock. */
    boolean enter(String user) {
        while (true) {
            Hold hold = holds.computeIfAbsent(user, k -> new Hold());
            synchronized (hold) {
                if (hold.retired) {
                    continue; // ended while we looked it up: take a fresh one
                }
                if (hold.lock == null) {
                    Optional<ProfileLocks.Lock> lock;
                    try {
                        lock = locks.tryLock(user);
                    } catch (RuntimeException unreachable) {
                        retire(user, hold);
                        throw unreachable;
                    }
                    if (lock.isEmpty()) {
                        retire(user, hold);
                        return false;
                    }
                    hold.lock = lock.get();
                }
                hold.turns++;
                return true;
            }
        }
    }

    /** Leaves the user's hold, releasing the lock with the last turn. */
    void leave(String user) {
        Hold hold = holds.get(user);
        if (hold == null) {
            return;
        }
        synchronized (hold) {
            if (hold.retired || --hold.turns > 0) {
                return;
            }
            try {
                hold.lock.close();
            } finally {
                retire(user, hold);
            }
        }
    }

    private void retire(String user, Hold hold) {
        hold.retired = true;
        holds.remove(user, hold);
    }

    private static final class Hold {
        private ProfileLocks.Lock lock;
        private int turns;
        private boolean retired;
    }
}
