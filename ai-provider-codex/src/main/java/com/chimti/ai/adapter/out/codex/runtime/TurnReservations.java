package com.chimti.ai.adapter.out.codex.runtime;

import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.port.out.TurnCapacity;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Places under the process cap (app-server leases, exec permits) reserved for a user's coming turn and handed
 * to that turn when it runs. A reservation that no turn took is given back when it is closed; one that a turn
 * took is closed by the turn (closing twice is harmless).
 */
final class TurnReservations {
    private final Map<TenantUser, Deque<AutoCloseable>> byUser = new ConcurrentHashMap<>();

    TurnCapacity hold(TenantUser user, AutoCloseable place) {
        // add and remove inside compute: a deque is never dropped from the map while a place is being added
        byUser.compute(user, (k, held) -> {
            Deque<AutoCloseable> places = held == null ? new ConcurrentLinkedDeque<>() : held;
            places.addLast(place);
            return places;
        });
        return () -> {
            byUser.computeIfPresent(user, (k, held) -> {
                held.remove(place);
                return held.isEmpty() ? null : held;
            });
            closeQuietly(place);
        };
    }

    /** Takes one reserved place of this kind for the user's turn, or null. */
    <T extends AutoCloseable> T take(TenantUser user, Class<T> kind) {
        Deque<AutoCloseable> held = byUser.get(user);
        if (held == null) {
            return null;
        }
        for (Iterator<AutoCloseable> it = held.iterator(); it.hasNext(); ) {
            AutoCloseable place = it.next();
            if (kind.isInstance(place) && held.remove(place)) {
                return kind.cast(place);
            }
        }
        return null;
    }

    /** Gives back every place reserved for the user (erasure: no turn of theirs will take it). */
    void releaseAll(TenantUser user) {
        Deque<AutoCloseable> held = byUser.remove(user);
        if (held != null) {
            held.forEach(TurnReservations::closeQuietly);
        }
    }

    private static void closeQuietly(AutoCloseable place) {
        try {
            place.close();
        } catch (Exception ignored) {
            // leases and permits do not throw
        }
    }
}
