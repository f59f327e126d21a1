package com.chimti.ai.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.CancellationSignal;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.ConflictException;
import com.chimti.ai.core.domain.ServerDrainingException;
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
    void drainingRefusesNewTurnsAndCallsButKeepsRunningOnes() {
        CancellationSignal running = turns.begin(chat);
        RunningTurns.Call call = turns.beginCall();
        turns.drain();

        assertThat(turns.isDraining()).isTrue();
        assertThatThrownBy(() -> turns.begin(ChatId.newId())).isInstanceOf(ServerDrainingException.class);
        assertThatThrownBy(turns::beginCall).isInstanceOf(ServerDrainingException.class);
        assertThat(turns.countAll()).isEqualTo(2);
        assertThat(running.isCancelled()).isFalse();
        call.close();
        call.close();
        assertThat(turns.countAll()).as("a call counts once").isEqualTo(1);
    }

    @Test
    void awaitIdleReturnsWhenTheLastTurnEnds() throws Exception {
        CancellationSignal running = turns.begin(chat);
        turns.drain();
        assertThat(turns.awaitIdle(Duration.ZERO)).as("still running").isFalse();

        CompletableFuture<Boolean> idle = CompletableFuture.supplyAsync(() -> {
            try {
                return turns.awaitIdle(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        turns.end(chat, running);
        assertThat(idle.get(1, TimeUnit.MINUTES)).isTrue();
    }

    @Test
    void cancelAllSignalsEveryRunningTurn() {
        CancellationSignal first = turns.begin(chat);
        CancellationSignal second = turns.begin(ChatId.newId());
        turns.cancelAll();
        assertThat(first.isCancelled()).isTrue();
        assertThat(second.isCancelled()).isTrue();
    }
}
