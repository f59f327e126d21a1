package com.chimti.ai.adapter.out.persistence.turn;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.persistence.connection.Database;
import com.chimti.ai.adapter.out.persistence.testing.DatabaseContract;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Cancels and forgets across instances on every PostgreSQL: one {@link Database} stack asks, the other answers. */
abstract class TurnCancelsContract extends DatabaseContract {

    @Test
    void theInstanceRunningTheChatsTurnCancelsItAndAnswers() throws InterruptedException {
        ChatId running = ChatId.newId();
        List<ChatId> askedThere = new CopyOnWriteArrayList<>();
        otherInstance().turnCancels().serve(chatId -> {
            askedThere.add(chatId);
            return chatId.equals(running);
        }, user -> {
        });
        PgTurnCancels here = instance().turnCancels();
        List<ChatId> askedHere = new CopyOnWriteArrayList<>();
        here.serve(chatId -> {
            askedHere.add(chatId);
            return false;
        }, user -> {
        });
        awaitBothListening(here, otherInstance().turnCancels());

        assertThat(here.cancel(running)).isTrue();
        ChatId idle = ChatId.newId();
        long start = System.nanoTime();
        assertThat(here.cancel(idle)).as("no instance runs a turn in that chat").isFalse();
        assertThat(System.nanoTime() - start).as("it waited for an answer")
                .isGreaterThanOrEqualTo(PgTurnCancels.ACK_WAIT.toNanos());

        assertThat(askedThere).containsExactly(running, idle);
        assertThat(askedHere).as("an instance does not answer its own requests").isEmpty();
    }

    @Test
    void theOtherInstancesForgetTheUserBeforeTheAskingOneGoesOn() throws InterruptedException {
        // ids may hold spaces and quotes (IdRules): they must neither split the request nor change the user
        TenantUser erased = new TenantUser(new ClientId("c 1'; NOTIFY x"), new UserId("user \"two\" ü"));
        List<TenantUser> forgotThere = new CopyOnWriteArrayList<>();
        List<String> done = new CopyOnWriteArrayList<>();
        otherInstance().turnCancels().serve(chatId -> false, user -> {
            sleep(Duration.ofMillis(1_500)); // killing processes takes a while: the asking instance waits for it
            forgotThere.add(user);
            done.add("forgot there");
        });
        PgTurnCancels here = instance().turnCancels();
        List<TenantUser> forgotHere = new CopyOnWriteArrayList<>();
        here.serve(chatId -> false, forgotHere::add);
        awaitBothListening(here, otherInstance().turnCancels());

        here.forget(erased);
        done.add("asked");

        assertThat(forgotThere).containsExactly(erased);
        assertThat(done).containsExactly("forgot there", "asked");
        assertThat(forgotHere).as("an instance does not take its own requests").isEmpty();
    }

    @Test
    void aMalformedOrHostileForgetRequestIsIgnored() throws InterruptedException {
        List<TenantUser> forgotThere = new CopyOnWriteArrayList<>();
        PgTurnCancels there = otherInstance().turnCancels();
        there.serve(chatId -> false, forgotThere::add);
        PgTurnCancels here = instance().turnCancels();
        here.serve(chatId -> false, user -> {
        });
        awaitBothListening(here, there);
        String request = UUID.randomUUID().toString();
        String client = base64("c1");
        String user = base64("u1");

        for (String payload : List.of("", "   ", request, request + " " + client,
                request + " " + client + " " + user + " extra", // a fourth part: not ours
                "not-a-uuid " + client + " " + user, // echoed in answers: only a UUID may be
                request + " c1 u1!", // not base64url
                request + " " + client + " " + base64("u1\u0007"), // a control character: not an id
                request + " " + client + " " + base64(" "), // blank
                request + " " + client + " " + base64("u".repeat(129)))) { // too long
            instance().jdbi().useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :payload)")
                    .bind("channel", PgTurnCancels.FORGETS).bind("payload", payload).mapTo(String.class).one());
        }
        here.forget(new TenantUser(new ClientId("c2"), new UserId("u2"))); // a well-formed one after them all

        assertThat(forgotThere).as("only the well-formed request was taken")
                .containsExactly(new TenantUser(new ClientId("c2"), new UserId("u2")));
    }

    private static String base64(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static void awaitBothListening(PgTurnCancels here, PgTurnCancels there) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(there.listening() && here.listening())) { // a request sent before that would reach nobody
            assertThat(System.nanoTime()).as("both instances listen within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
