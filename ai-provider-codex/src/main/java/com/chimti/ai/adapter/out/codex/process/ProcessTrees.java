package com.chimti.ai.adapter.out.codex.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Ends a process and everything it started: descendants first, then the parent; TERM, then KILL after a grace. */
public final class ProcessTrees {
    private ProcessTrees() {
    }

    public static void kill(ProcessHandle root, Duration grace) {
        List<ProcessHandle> all = new ArrayList<>(root.descendants().toList());
        all.add(root);
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle handle : all) {
            long left = deadline - System.nanoTime();
            if (left > 0 && handle.isAlive()) {
                try {
                    handle.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception ignored) {
                    // forced below
                }
            }
        }
        List<CompletableFuture<ProcessHandle>> exits = new ArrayList<>();
        for (ProcessHandle handle : all) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                exits.add(handle.onExit());
            }
        }
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new)).get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // nothing more can be done
        }
    }
}
