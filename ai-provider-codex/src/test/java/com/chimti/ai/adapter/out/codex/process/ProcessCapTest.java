package com.chimti.ai.adapter.out.codex.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The cap's queue: first come, first served; bounded in length and wait; idle processes make room. */
class ProcessCapTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration RETRY = Duration.ofSeconds(7);

    @Test
    void permitsUpToTheCapAreGivenAtOnceAndTheNextIsRefusedWithoutAQueue() {
        ProcessCap cap = new ProcessCap(2, 0, LONG, RETRY);
        cap.acquire();
        cap.acquire();
        assertThat(cap.inUse()).isEqualTo(2);
        assertThatThrownBy(cap::acquire).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(RETRY);
            assertThat(e.limit()).hasValue(2);
        });
        assertThat(cap.inUse()).isEqualTo(2);
    }

    @Test
    void waitersAreServedInTheOrderTheyCame() throws Exception {
        ProcessCap cap = new ProcessCap(1, 10, LONG, RETRY);
        ProcessCap.Permit first = cap.acquire();
        List<Integer> served = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> waiters = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            int id = i;
            waiters.add(CompletableFuture.runAsync(() -> {
                try (ProcessCap.Permit permit = cap.acquire()) {
                    served.add(id);
                }
            }, runnable -> new Thread(runnable, "waiter-" + id).start()));
            // the next one starts only when this one is in the queue
            await().atMost(LONG).until(() -> cap.queued() == id);
        }
        first.close();
        CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        assertThat(served).containsExactly(1, 2, 3, 4, 5);
        assertThat(cap.inUse()).isZero();
    }

    @Test
    void aFreedPermitGoesToTheHeadOfTheQueueNotToANewcomer() throws Exception {
        ProcessCap cap = new ProcessCap(1, 1, LONG, RETRY);
        ProcessCap.Permit first = cap.acquire();
        CompletableFuture<ProcessCap.Permit> waiting = CompletableFuture.supplyAsync(cap::acquire,
                runnable -> new Thread(runnable, "head").start());
        await().atMost(LONG).until(() -> cap.queued() == 1);

        first.close();

        // handed over, not returned to the pool: a newcomer finds none free and the queue now empty, so it queues
        assertThat(cap.inUse()).isEqualTo(1);
        ProcessCap.Permit headPermit = waiting.get(60, TimeUnit.SECONDS);
        CompletableFuture<ProcessCap.Permit> newcomer = CompletableFuture.supplyAsync(cap::acquire,
                runnable -> new Thread(runnable, "newcomer").start());
        await().atMost(LONG).until(() -> cap.queued() == 1);
        assertThat(newcomer).isNotDone();
        headPermit.close();
        newcomer.get(60, TimeUnit.SECONDS).close();
        assertThat(cap.inUse()).isZero();
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        ProcessCap cap = new ProcessCap(1, 1, LONG, RETRY);
        ProcessCap.Permit first = cap.acquire();
        CompletableFuture<ProcessCap.Permit> waiting = CompletableFuture.supplyAsync(cap::acquire,
                runnable -> new Thread(runnable, "queued").start());
        await().atMost(LONG).until(() -> cap.queued() == 1);

        assertThatThrownBy(cap::acquire).isInstanceOf(RateLimitedException.class)
                .hasMessageContaining("queue is full");

        first.close();
        waiting.get(60, TimeUnit.SECONDS).close();
    }

    @Test
    void aWaiterIsRefusedWhenItsWaitRunsOutAndLeavesTheQueue() {
        ProcessCap cap = new ProcessCap(1, 4, Duration.ofMillis(200), RETRY);
        ProcessCap.Permit first = cap.acquire();

        assertThatThrownBy(cap::acquire).isInstanceOf(RateLimitedException.class);

        assertThat(cap.queued()).isZero();
        first.close();
        assertThat(cap.inUse()).isZero();
        cap.acquire().close();
    }

    @Test
    void idleProcessesAreStoppedToMakeRoomBeforeAnyoneWaits() {
        ProcessCap cap = new ProcessCap(2, 0, LONG, RETRY);
        Deque<ProcessCap.Permit> idle = new ArrayDeque<>(List.of(cap.acquire(), cap.acquire()));
        List<String> evicted = new ArrayList<>();
        cap.evictWith(() -> {
            ProcessCap.Permit oldest = idle.pollFirst();
            if (oldest == null) {
                return false;
            }
            evicted.add("one");
            oldest.close();
            return true;
        });

        ProcessCap.Permit third = cap.acquire();

        assertThat(evicted).hasSize(1);
        assertThat(cap.inUse()).isEqualTo(2);
        third.close();
    }

    @Test
    void anEvictionServesTheWaitersInOrder() throws Exception {
        ProcessCap cap = new ProcessCap(1, 4, LONG, RETRY);
        ProcessCap.Permit busy = cap.acquire();
        CompletableFuture<ProcessCap.Permit> waiting = CompletableFuture.supplyAsync(cap::acquire,
                runnable -> new Thread(runnable, "queued").start());
        await().atMost(LONG).until(() -> cap.queued() == 1);
        // the busy process goes idle: whoever owns it is told to make room
        cap.evictWith(() -> {
            busy.close();
            return true;
        });
        cap.makeRoom();
        waiting.get(60, TimeUnit.SECONDS).close();
        assertThat(cap.inUse()).isZero();
    }

    @Test
    void closingRefusesTheWaiters() {
        ProcessCap cap = new ProcessCap(1, 4, LONG, RETRY);
        cap.acquire();
        CompletableFuture<ProcessCap.Permit> waiting = CompletableFuture.supplyAsync(cap::acquire,
                runnable -> new Thread(runnable, "queued").start());
        await().atMost(LONG).until(() -> cap.queued() == 1);

        cap.close();

        assertThatThrownBy(() -> waiting.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ProviderFailureException.class);
        assertThatThrownBy(cap::acquire).isInstanceOf(ProviderFailureException.class);
    }

    @Test
    void limitsAreValidated() {
        assertThatThrownBy(() -> new ProcessLimits(0, 1, LONG, RETRY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessLimits(1, -1, LONG, RETRY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProcessLimits(1, 1, Duration.ofMillis(-1), RETRY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ProcessLimits.defaultMaxProcesses(24L << 30)).isEqualTo((int) ((23L << 30) / (150L << 20)));
        assertThat(ProcessLimits.defaultMaxProcesses(512L << 20)).isEqualTo(1);
    }

    /** The sizing of the process cap, and so of the default turn cap. */
    @Test
    void theDefaultProcessCapFollowsTheMachinesMemory() {
        long gib = 1024L * 1024 * 1024;
        assertThat(ProcessLimits.defaultMaxProcesses(512L * 1024 * 1024)).isEqualTo(1);
        assertThat(ProcessLimits.defaultMaxProcesses(2 * gib)).isEqualTo(6);   // 1024 MiB / 150 MiB
        assertThat(ProcessLimits.defaultMaxProcesses(16 * gib)).isEqualTo(102); // 15360 / 150
        assertThat(ProcessLimits.defaultMaxProcesses(1024 * gib)).isEqualTo(ProcessLimits.MAX_PROCESSES);
    }
}
