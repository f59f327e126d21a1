package com.chimti.ai.adapter.out.persistence.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.core.domain.chat.ChatId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Cancels across instances on every PostgreSQL: one {@link Database} stack asks, the other one runs the turn. */
abstract class TurnCancelsContract extends DatabaseContract {

    @Test
    void theInstanceRunningTheChatsTurnCancelsItAndAnswers() throws InterruptedException {
        ChatId running = ChatId.newId();
        List<ChatId> askedThere = new CopyOnWriteArrayList<>();
        otherInstance().turnCancels().serve(chatId -> {
            askedThere.add(chatId);
            return chatId.equals(running);
        });
        PgTurnCancels here = instance().turnCancels();
        List<ChatId> askedHere = new CopyOnWriteArrayList<>();
        here.serve(chatId -> {
            askedHere.add(chatId);
            return false;
        });

        PgTurnCancels there = otherInstance().turnCancels();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(there.listening() && here.listening())) { // a request sent before that would reach nobody
            assertThat(System.nanoTime()).as("both instances listen within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }

        assertThat(here.cancel(running)).isTrue();
        ChatId idle = ChatId.newId();
        long start = System.nanoTime();
        assertThat(here.cancel(idle)).as("no instance runs a turn in that chat").isFalse();
        assertThat(System.nanoTime() - start).as("it waited for an answer")
                .isGreaterThanOrEqualTo(PgTurnCancels.ACK_WAIT.toNanos());

        assertThat(askedThere).containsExactly(running, idle);
        assertThat(askedHere).as("an instance does not answer its own requests").isEmpty();
    }
}
