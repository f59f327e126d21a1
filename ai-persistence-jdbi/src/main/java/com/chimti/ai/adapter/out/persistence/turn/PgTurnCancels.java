package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.adapter.out.persistence.connection.Sessions;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.port.out.TurnsElsewhere;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels across instances with PostgreSQL's LISTEN/NOTIFY: a request {@code NOTIFY ai_turn_cancel,
 * '<request id> <chat id>'} reaches every instance; the one running that chat's turn cancels it and answers
 * {@code NOTIFY ai_turn_cancel_ack, '<request id>'}. The asking instance waits up to {@link #ACK_WAIT} for the
 * answer, so a cancel of a chat with no turn anywhere takes that long to say false. Each instance holds one
 * session of its own for LISTEN ({@link PgListener}), opened by {@link #serve} or the first cancel.
 */
public final class PgTurnCancels implements TurnsElsewhere, AutoCloseable {
    static final String REQUESTS = "ai_turn_cancel";
    static final String ANSWERS = "ai_turn_cancel_ack";
    static final Duration ACK_WAIT = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(PgTurnCancels.class);

    private final Jdbi jdbi;
    private final PgListener listener;
    private final Map<String, CompletableFuture<Void>> asked = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private volatile Predicate<ChatId> cancelHere = chatId -> false;

    /** @param sessions opens the listener's own connection (LISTEN needs one session for its whole life) */
    public PgTurnCancels(Jdbi jdbi, Sessions sessions) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.listener = new PgListener("ai-turn-cancel-listener", sessions, List.of(REQUESTS, ANSWERS),
                () -> listening.complete(null), this::take);
    }

    /**
     * Starts taking the other instances' requests: each is run through {@code cancelHere} (true when this
     * instance had the chat's turn and cancelled it), and answered when it returns true.
     */
    public void serve(Predicate<ChatId> cancelHere) {
        this.cancelHere = Objects.requireNonNull(cancelHere, "cancelHere");
        listener.start();
    }

    @Override
    public boolean cancel(ChatId chatId) {
        listener.start();
        String request = UUID.randomUUID().toString();
        CompletableFuture<Void> answer = new CompletableFuture<>();
        asked.put(request, answer);
        try {
            listening.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS); // an answer must find us listening
            jdbi.useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :payload)")
                    .bind("channel", REQUESTS).bind("payload", request + " " + chatId.value())
                    .mapTo(String.class).one());
            answer.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException nobody) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            asked.remove(request);
        }
    }

    /** For tests: whether the LISTEN session is up, so requests and answers reach this instance. */
    boolean listening() {
        return listener.listening();
    }

    private void take(String channel, String payload) {
        if (ANSWERS.equals(channel)) {
            CompletableFuture<Void> answer = asked.get(payload);
            if (answer != null) {
                answer.complete(null);
            }
            return;
        }
        int space = payload.indexOf(' ');
        if (space <= 0 || asked.containsKey(payload.substring(0, space))) {
            return; // malformed, or our own request: the asking instance has looked at its own turns already
        }
        try {
            if (cancelHere.test(new ChatId(payload.substring(space + 1)))) {
                jdbi.useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :request)")
                        .bind("channel", ANSWERS).bind("request", payload.substring(0, space))
                        .mapTo(String.class).one());
            }
        } catch (RuntimeException failed) {
            LOG.warn("a cancel request of another instance failed here: {}", failed.getClass().getSimpleName());
        }
    }

    /** Stops listening (within a second); before the pool closes. */
    @Override
    public void close() {
        listener.close();
    }
}
