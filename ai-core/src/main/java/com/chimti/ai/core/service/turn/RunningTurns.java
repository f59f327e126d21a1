package com.chimti.ai.core.service.turn;

import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.ServerDrainingException;
import com.chimti.ai.core.port.out.TurnsElsewhere;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The turns running in this process, one per chat at most, so they can be cancelled by chat id (a chat whose
 * turn runs on another instance is cancelled through {@link TurnsElsewhere}); plus calls
 * that belong to no chat (one-shot). On shutdown it is {@linkplain #drain() drained}: it then refuses new turns
 * and calls, and {@link #awaitIdle} waits for the running ones to end. Every turn and call registers here through
 * the one turn envelope ({@code TurnEnvelope}), which is thus the one place that refuses them while draining,
 * and while a user's data is being erased ({@link #stopUser}).
 */
public final class RunningTurns {
    private final ConcurrentMap<ChatId, CancellationSignal> running = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private final TurnsElsewhere elsewhere;
    /** Every registered turn and call (guarded by {@link #lock}), to find a user's. */
    private final Set<Running> registered = new HashSet<>();
    /** Users whose turns are refused, with how many erasures hold them (guarded by {@link #lock}). */
    private final Map<TenantUser, Integer> stopped = new HashMap<>();
    private int calls;
    private volatile boolean draining;

    /** One instance: a chat's turn can only run here. */
    public RunningTurns() {
        this(TurnsElsewhere.NONE);
    }

    /** @param elsewhere the other instances, asked when a cancelled chat has no turn running here */
    public RunningTurns(TurnsElsewhere elsewhere) {
        this.elsewhere = Objects.requireNonNull(elsewhere, "elsewhere");
    }

    /** {@link #begin(TenantUser, ChatId)} of a turn whose owner is not told (it cannot be stopped by user). */
    public Running begin(ChatId chatId) {
        return begin(null, chatId);
    }

    /**
     * Registers a turn of {@code owner} until the returned handle is closed: in a chat ({@code chatId}), where one
     * turn runs at a time and can be cancelled by the chat's id, or, with a null {@code chatId}, a call that
     * belongs to no chat (a one-shot call), which ends when its provider stops. Refuses when the chat already runs
     * a turn or the owner's data is being erased ({@link ConflictException}), or the server drains
     * ({@link ServerDrainingException}).
     */
    public Running begin(TenantUser owner, ChatId chatId) {
        Running turn = new Running(owner, chatId);
        synchronized (lock) {
            requireOpen();
            if (owner != null && stopped.containsKey(owner)) {
                throw new ConflictException("this user's AI data is being erased");
            }
            if (chatId == null) {
                calls++;
            } else if (running.putIfAbsent(chatId, turn.cancellation) != null) {
                throw new ConflictException("a turn is already running in this chat");
            }
            registered.add(turn);
        }
        return turn;
    }

    /** Cancels the chat's turn if it runs in this process; true when one did. */
    public boolean cancelHere(ChatId chatId) {
        CancellationSignal signal = running.get(chatId);
        if (signal == null) {
            return false;
        }
        signal.cancel();
        return true;
    }

    /** Cancels the chat's turn wherever it runs, here or on another instance; true when one did. */
    public boolean cancel(ChatId chatId) {
        return cancelHere(chatId) || elsewhere.cancel(chatId);
    }

    /**
     * Asks the other instances to stop the user's processes and delete their profile (an erasure, after this
     * instance did); waits for their answers, within a bound ({@link TurnsElsewhere#forget}).
     */
    public void forgetElsewhere(TenantUser user) {
        elsewhere.forget(Objects.requireNonNull(user, "user"));
    }

    /** Cancels every running turn, for shutdown. */
    public void cancelAll() {
        running.values().forEach(CancellationSignal::cancel);
    }

    /**
     * Refuses the user's new turns and calls in this process until the returned handle is closed, and cancels
     * the ones running here now (an erasure; several may hold one user at once).
     */
    public UserStop stopUser(TenantUser user) {
        Objects.requireNonNull(user, "user");
        Set<Running> theirs = new HashSet<>();
        synchronized (lock) {
            stopped.merge(user, 1, Integer::sum);
            for (Running turn : registered) {
                if (user.equals(turn.owner)) {
                    theirs.add(turn);
                }
            }
        }
        theirs.forEach(turn -> turn.cancellation.cancel()); // outside the lock: listeners may run
        return new UserStop(user);
    }

    /** Waits until no turn or call of the user runs here, at most {@code timeout}; true when none does. */
    public boolean awaitUserIdle(TenantUser user, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (registered.stream().anyMatch(turn -> user.equals(turn.owner))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** From now on new turns and calls are refused with {@link ServerDrainingException}; running ones go on. */
    public void drain() {
        draining = true;
    }

    public boolean isDraining() {
        return draining;
    }

    /** Waits until no turn or call runs, at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!running.isEmpty() || calls > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Running chat turns (one-shot calls not included). */
    public int count() {
        return running.size();
    }

    /** Running chat turns and one-shot calls. */
    public int countAll() {
        synchronized (lock) {
            return running.size() + calls;
        }
    }

    private void requireOpen() {
        if (draining) {
            throw new ServerDrainingException();
        }
    }

    /** A registered turn or call; close it (once counts) when it ended. */
    public final class Running implements AutoCloseable {
        private final TenantUser owner;
        private final ChatId chatId;
        private final CancellationSignal cancellation = new CancellationSignal();
        private boolean closed;

        private Running(TenantUser owner, ChatId chatId) {
            this.owner = owner;
            this.chatId = chatId;
        }

        /**
         * Signalled when the chat's turn is cancelled, or its owner's data erased; nothing else signals a call
         * that belongs to no chat.
         */
        public CancellationSignal cancellation() {
            return cancellation;
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                if (chatId == null) {
                    calls--;
                } else {
                    running.remove(chatId, cancellation);
                }
                registered.remove(this);
                lock.notifyAll();
            }
        }
    }

    /** The refusal of one user's turns that {@link #stopUser} began; close it when the erasure is done. */
    public final class UserStop implements AutoCloseable {
        private final TenantUser user;
        private boolean closed;

        private UserStop(TenantUser user) {
            this.user = user;
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                stopped.computeIfPresent(user, (k, holders) -> holders == 1 ? null : holders - 1);
            }
        }
    }
}
