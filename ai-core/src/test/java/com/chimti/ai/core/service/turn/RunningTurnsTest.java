package com.chimti.ai.core.service.turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.ServerDrainingException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunningTurnsTest {
    private final RunningTurns turns = new RunningTurns();
    private final ChatId chat = ChatId.newId();

    @Test
    void oneTurnPerChat() {
        turns.begin(chat);
        assertThatThrownBy(() -> turns.begin(chat)).isInstanceOf(ConflictException.class);
    }

    @Test
    void aCancelStopsTheTurnHereOrAsksTheOtherInstances() {
        ChatId remote = ChatId.newId();
        java.util.List<ChatId> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        RunningTurns withOthers = new RunningTurns(chatId -> {
            asked.add(chatId);
            return chatId.equals(remote);
        });
        CancellationSignal here = withOthers.begin(chat).cancellation();

        assertThat(withOthers.cancel(chat)).isTrue();
        assertThat(here.isCancelled()).isTrue();
        assertThat(asked).as("a turn found here is not looked for elsewhere").isEmpty();
        assertThat(withOthers.cancel(remote)).isTrue();
        assertThat(withOthers.cancel(ChatId.newId())).isFalse();
        assertThat(asked).hasSize(2).startsWith(remote);
        assertThat(withOthers.cancelHere(remote)).as("the other instances' requests look here only").isFalse();
        assertThat(asked).hasSize(2);
    }

    @Test
    void drainingRefusesNewTurnsAndCallsButKeepsRunningOnes() {
        RunningTurns.Running running = turns.begin(chat);
        RunningTurns.Running call = turns.begin(null);
        turns.drain();

        assertThat(turns.isDraining()).isTrue();
        assertThatThrownBy(() -> turns.begin(ChatId.newId())).isInstanceOf(ServerDrainingException.class);
        assertThatThrownBy(() -> turns.begin(null)).isInstanceOf(ServerDrainingException.class);
        assertThat(turns.countAll()).isEqualTo(2);
        assertThat(turns.count()).as("one-shot calls not included").isEqualTo(1);
        assertThat(running.cancellation().isCancelled()).isFalse();
        call.close();
        call.close();
        assertThat(turns.countAll()).as("a call counts once").isEqualTo(1);
    }

    @Test
    void awaitIdleReturnsWhenTheLastTurnEnds() throws Exception {
        RunningTurns.Running running = turns.begin(chat);
        turns.drain();
        assertThat(turns.awaitIdle(Duration.ZERO)).as("still running").isFalse();

        CompletableFuture<Boolean> idle = CompletableFuture.supplyAsync(() -> {
            try {
                return turns.awaitIdle(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        running.close();
        assertThat(idle.get(1, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void cancelAllSignalsEveryRunningTurn() {
        CancellationSignal first = turns.begin(chat).cancellation();
        CancellationSignal second = turns.begin(ChatId.newId()).cancellation();
        turns.cancelAll();
        assertThat(first.isCancelled()).isTrue();
        assertThat(second.isCancelled()).isTrue();
    }

    @Test
    void stoppingAUserCancelsTheirTurnsAndCallsAndRefusesNewOnesUntilReleased() throws Exception {
        com.chimti.ai.core.domain.tenancy.TenantUser alice = new com.chimti.ai.core.domain.tenancy.TenantUser(
                new com.chimti.ai.core.domain.tenancy.ClientId("c1"),
                new com.chimti.ai.core.domain.tenancy.UserId("alice"));
        com.chimti.ai.core.domain.tenancy.TenantUser aliceElsewhere = new com.chimti.ai.core.domain.tenancy.TenantUser(
                new com.chimti.ai.core.domain.tenancy.ClientId("c2"), alice.userId());
        RunningTurns.Running turn = turns.begin(alice, chat);
        RunningTurns.Running call = turns.begin(alice, null);
        RunningTurns.Running other = turns.begin(aliceElsewhere, ChatId.newId());

        RunningTurns.UserStop stop = turns.stopUser(alice);

        assertThat(turn.cancellation().isCancelled()).isTrue();
        assertThat(call.cancellation().isCancelled()).isTrue();
        assertThat(other.cancellation().isCancelled()).isFalse();
        assertThatThrownBy(() -> turns.begin(alice, ChatId.newId())).isInstanceOf(ConflictException.class);
        assertThat(turns.awaitUserIdle(alice, Duration.ofMillis(50))).isFalse();
        CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> {
            turn.close();
            call.close();
        });
        assertThat(turns.awaitUserIdle(alice, Duration.ofSeconds(5))).isTrue();

        RunningTurns.UserStop second = turns.stopUser(alice); // two erasures at once: both must end
        stop.close();
        stop.close();
        assertThatThrownBy(() -> turns.begin(alice, ChatId.newId())).isInstanceOf(ConflictException.class);
        second.close();
        turns.begin(alice, ChatId.newId()).close();
        other.close();
        assertThat(turns.countAll()).isZero();
    }
}
