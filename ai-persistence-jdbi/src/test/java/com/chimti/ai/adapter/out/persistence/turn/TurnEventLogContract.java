package com.chimti.ai.adapter.out.persistence.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.port.out.TurnEventLog;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The shared SSE event log on every PostgreSQL (embedded and external): one {@link Database} stack writes a turn's
 * events, another one (the other instance) reads and follows them.
 */
abstract class TurnEventLogContract extends DatabaseContract {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theOtherInstanceReadsATurnsEventsInOrderAndSeesItFinish() {
        TurnEventLog writer = instance().turnEventLog();
        TurnEventLog reader = otherInstance().turnEventLog();
        ChatId chat = ChatId.newId();
        String older = UUID.randomUUID().toString();
        String turn = UUID.randomUUID().toString();
        writer.append(chat, older, 1, "message", "{}");
        writer.finish(chat, older);
        eventually(() -> reader.latestTurn(chat).isPresent());

        writer.append(chat, turn, 1, "message", "{\"userMessageId\":\"m\"}");
        writer.append(chat, turn, 2, "delta", "{\"text\":\"Hel\"}");
        writer.append(chat, turn, 3, "delta", "{\"text\":\"lo\"}");
        eventually(() -> reader.read(turn, 0, 10).events().size() == 3);

        assertThat(reader.latestTurn(chat)).contains(turn);
        TurnEventLog.Slice after1 = reader.read(turn, 1, 10);
        assertThat(after1.events()).extracting(TurnEventLog.Event::seq).containsExactly(2L, 3L);
        assertThat(after1.events().get(1).data()).isEqualTo("{\"text\":\"lo\"}");
        assertThat(after1.finished()).isFalse();
        assertThat(reader.read(turn, 0, 2).events()).hasSize(2);

        writer.append(chat, turn, 4, "done", "{}");
        writer.finish(chat, turn);
        eventually(() -> reader.read(turn, 3, 10).finished());
        assertThat(reader.read(turn, 3, 10).events()).extracting(TurnEventLog.Event::name).containsExactly("done");
    }

    @Test
    void aBatchTheDatabaseRefusedIsWrittenAgainSoTheTurnStillFinishes() throws Exception {
        TurnEventLog writer = instance().turnEventLog();
        TurnEventLog reader = otherInstance().turnEventLog();
        ChatId chat = ChatId.newId();
        String turn = UUID.randomUUID().toString();
        instance().jdbi().useHandle(h -> h.execute("ALTER TABLE ai_turn_events RENAME TO ai_turn_events_away"));
        try {
            writer.append(chat, turn, 1, "done", "{}");
            writer.finish(chat, turn);
            Thread.sleep(500); // the writer's first attempts fail: the table is not there
        } finally {
            instance().jdbi().useHandle(h -> h.execute("ALTER TABLE ai_turn_events_away RENAME TO ai_turn_events"));
        }
        // (an unknown turn reads as finished: wait for its event too)
        eventually(() -> {
            TurnEventLog.Slice slice = reader.read(turn, 0, 10);
            return slice.finished() && !slice.events().isEmpty();
        });
        assertThat(reader.read(turn, 0, 10).events()).extracting(TurnEventLog.Event::name).containsExactly("done");
    }

    @Test
    void aFollowerIsWokenByTheNotificationOfNewEvents() throws Exception {
        TurnEventLog writer = instance().turnEventLog();
        PgTurnEventLog reader = otherInstance().turnEventLog();
        ChatId chat = ChatId.newId();
        String turn = UUID.randomUUID().toString();
        writer.append(chat, turn, 1, "message", "{}");
        eventually(() -> reader.read(turn, 0, 10).events().size() == 1);
        reader.awaitChange(turn, Duration.ofMillis(1)); // starts the listener
        eventually(reader::listening);

        CompletableFuture<Void> woken = new CompletableFuture<>();
        Thread follower = new Thread(() -> {
            try {
                reader.awaitChange(turn, Duration.ofMinutes(5));
                woken.complete(null);
            } catch (InterruptedException e) {
                woken.completeExceptionally(e);
            }
        });
        follower.setDaemon(true);
        follower.start();
        // waiting for a change that has not happened yet
        eventually(() -> follower.getState() == Thread.State.TIMED_WAITING);
        writer.append(chat, turn, 2, "delta", "{\"text\":\"x\"}");

        woken.get(WAIT.toSeconds(), TimeUnit.SECONDS); // long before the five minutes
        assertThat(reader.read(turn, 1, 10).events()).hasSize(1);
        follower.join();
    }

    @Test
    void aTurnFollowedThroughAnotherInstanceIsSeenAsFollowed() {
        TurnEventLog writer = instance().turnEventLog();
        TurnEventLog reader = otherInstance().turnEventLog();
        ChatId chat = ChatId.newId();
        String turn = UUID.randomUUID().toString();
        writer.append(chat, turn, 1, "message", "{}");
        eventually(() -> reader.read(turn, 0, 10).events().size() == 1);
        assertThat(writer.followedWithin(turn, Duration.ofMinutes(1))).isFalse();

        reader.markFollowed(turn);

        assertThat(writer.followedWithin(turn, Duration.ofMinutes(1))).isTrue();
    }

    /** The writer is asynchronous: wait (boundedly) until the condition holds. */
    private static void eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the condition did not hold within %s", WAIT).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
