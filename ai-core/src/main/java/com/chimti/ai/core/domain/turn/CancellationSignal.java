package com.chimti.ai.core.domain.turn;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a caller stop a running turn. Providers register what to do on cancel (interrupt, kill); a listener
 * added after the cancel runs at once, so no cancel is ever lost to a race.
 */
public final class CancellationSignal {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            listeners.forEach(Runnable::run);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    public void onCancel(Runnable listener) {
        listeners.add(listener);
        if (cancelled.get() && listeners.remove(listener)) {
            listener.run();
        }
    }
}
