package com.chimti.ai.core.port.out;

import java.util.Optional;

/**
 * Mutual exclusion per user across server instances: while one instance holds a user's lock, no other instance
 * runs a turn of that user, so one user's provider profile (their Codex home on a shared volume) is never
 * driven by two instances at once. The PostgreSQL adapter uses session advisory locks.
 *
 * <p>Each process takes a key at most once at a time ({@code TurnAdmission} shares one hold among the user's
 * turns in the process), so implementations need not be reentrant.
 */
public interface ProfileLocks {

    /** One instance only: nothing to exclude beyond what the process already counts. */
    ProfileLocks SINGLE_INSTANCE = key -> Optional.of(() -> { });

    /**
     * Takes the lock named {@code key} unless another instance holds it; never waits for it. Empty when it is
     * held elsewhere; throws when the lock store cannot be reached (the turn then fails).
     */
    Optional<Lock> tryLock(String key);

    /** A held lock; closing releases it (idempotent). */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }
}
