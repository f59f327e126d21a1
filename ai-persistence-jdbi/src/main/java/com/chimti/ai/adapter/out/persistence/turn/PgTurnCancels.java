package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.adapter.out.persistence.connection.Sessions;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.port.out.TurnsElsewhere;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels and erasures across instances with PostgreSQL's LISTEN/NOTIFY.
 *
 * <p>A cancel: {@code NOTIFY ai_turn_cancel, '<request id> <chat id>'} reaches every instance; the one running
 * that chat's turn cancels it and answers {@code NOTIFY ai_turn_cancel_ack, '<request id>'}. The asking instance
 * waits up to {@link #ACK_WAIT} for the answer, so a cancel of a chat with no turn anywhere takes that long to
 * say false.
 *
 * <p>A forget (an erasure): {@code NOTIFY ai_user_forget, '<request id> <client id> <user id>'}, each id in
 * base64url so no id can split or forge the payload. Every instance answers on {@code ai_user_forget_ack} with
 * {@code '<request id> <instance id> taken'} at once and {@code '... done'} when its providers forgot the user.
 * Nobody knows how many instances there are, so the asking one counts those that said "taken" within
 * {@link #ACK_WAIT}, then waits for each of them to say "done", at most {@link #FORGET_WAIT} (killing processes
 * takes seconds); an instance that does not finish in time is logged.
 *
 * <p>Each instance holds one session of its own for LISTEN ({@link PgListener}), opened by {@link #serve} or the
 * first request; a forget runs on a thread of its own, so cancels are still taken meanwhile.
 */
public final class PgTurnCancels implements TurnsElsewhere, AutoCloseable {
    static final String REQUESTS = "ai_turn_cancel";
    static final String ANSWERS = "ai_turn_cancel_ack";
    static final String FORGETS = "ai_user_forget";
    static final String FORGOTTEN = "ai_user_forget_ack";
    static final Duration ACK_WAIT = Duration.ofSeconds(1);
    static final Duration FORGET_WAIT = Duration.ofSeconds(30);
    private static final String TAKEN = "taken";
    private static final String DONE = "done";
    private static final Logger LOG = LoggerFactory.getLogger(PgTurnCancels.class);

    private final Jdbi jdbi;
    private final PgListener listener;
    /** Tells this instance's answers apart from the others' (an answer names its instance). */
    private final String instance = UUID.randomUUID().toString();
    private final Map<String, CompletableFuture<Void>> asked = new ConcurrentHashMap<>();
    private final Map<String, ForgetAnswers> forgetsAsked = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> listening = new CompletableFuture<>();
    private final ExecutorService forgetter = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "ai-user-forget");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Predicate<ChatId> cancelHere = chatId -> false;
    private volatile Consumer<TenantUser> forgetHere = user -> {
    };

    /** @param sessions opens the listener's own connection (LISTEN needs one session for its whole life) */
    public PgTurnCancels(Jdbi jdbi, Sessions sessions) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.listener = new PgListener("ai-turn-cancel-listener", sessions,
                List.of(REQUESTS, ANSWERS, FORGETS, FORGOTTEN), () -> listening.complete(null), this::take);
    }

    /**
     * Starts taking the other instances' requests: a cancel is run through {@code cancelHere} (true when this
     * instance had the chat's turn and cancelled it), and answered when it returns true; a forget is run through
     * {@code forgetHere} (stops the user's processes here and deletes what the providers keep of them) and
     * answered when it returned.
     */
    public void serve(Predicate<ChatId> cancelHere, Consumer<TenantUser> forgetHere) {
        this.cancelHere = Objects.requireNonNull(cancelHere, "cancelHere");
        this.forgetHere = Objects.requireNonNull(forgetHere, "forgetHere");
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
            notify(REQUESTS, request + " " + chatId.value());
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

    @Override
    public void forget(TenantUser user) {
        listener.start();
        String request = UUID.randomUUID().toString();
        ForgetAnswers answers = new ForgetAnswers();
        forgetsAsked.put(request, answers);
        try {
            listening.get(FORGET_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            notify(FORGETS, request + " " + encode(user.clientId().value()) + " " + encode(user.userId().value()));
            int unfinished = answers.awaitDone(ACK_WAIT, FORGET_WAIT);
            if (unfinished > 0) {
                LOG.warn("{} other instance(s) did not confirm within {} that they forgot an erased user",
                        unfinished, FORGET_WAIT);
            }
        } catch (TimeoutException | ExecutionException notListening) {
            LOG.warn("the other instances could not be asked to forget an erased user: no listening session");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the other instances forgot the user", e);
        } finally {
            forgetsAsked.remove(request);
        }
    }

    /** For tests: whether the LISTEN session is up, so requests and answers reach this instance. */
    boolean listening() {
        return listener.listening();
    }

    private void notify(String channel, String payload) {
        jdbi.useHandle(h -> h.createQuery("SELECT pg_notify(:channel, :payload)")
                .bind("channel", channel).bind("payload", payload).mapTo(String.class).one());
    }

    private void take(String channel, String payload) {
        switch (channel) {
            case ANSWERS -> {
                CompletableFuture<Void> answer = asked.get(payload);
                if (answer != null) {
                    answer.complete(null);
                }
            }
            case REQUESTS -> takeCancel(payload);
            case FORGETS -> takeForget(payload);
            case FORGOTTEN -> takeForgotten(payload);
            default -> {
            }
        }
    }

    private void takeCancel(String payload) {
        int space = payload.indexOf(' ');
        if (space <= 0 || asked.containsKey(payload.substring(0, space))) {
            return; // malformed, or our own request: the asking instance has looked at its own turns already
        }
        try {
            if (cancelHere.test(new ChatId(payload.substring(space + 1)))) {
                notify(ANSWERS, payload.substring(0, space));
            }
        } catch (RuntimeException failed) {
            LOG.warn("a cancel request of another instance failed here: {}", failed.getClass().getSimpleName());
        }
    }

    private void takeForget(String payload) {
        String[] parts = payload.split(" ", -1);
        String request;
        TenantUser user;
        try {
            if (parts.length != 3) {
                throw new IllegalArgumentException("not three parts");
            }
            request = UUID.fromString(parts[0]).toString(); // echoed in the answers: nothing but a UUID
            user = new TenantUser(new ClientId(decode(parts[1])), new UserId(decode(parts[2])));
        } catch (RuntimeException malformed) {
            LOG.warn("ignored a malformed forget request on {}", FORGETS);
            return;
        }
        if (forgetsAsked.containsKey(request)) {
            return; // our own: the asking instance forgot the user itself before asking
        }
        try {
            notify(FORGOTTEN, request + " " + instance + " " + TAKEN);
            forgetter.execute(() -> {
                try {
                    forgetHere.accept(user);
                    notify(FORGOTTEN, request + " " + instance + " " + DONE);
                } catch (RuntimeException failed) {
                    LOG.warn("a forget request of another instance failed here: {}",
                            failed.getClass().getSimpleName());
                }
            });
        } catch (RuntimeException failed) {
            LOG.warn("a forget request of another instance could not be taken: {}",
                    failed.getClass().getSimpleName());
        }
    }

    private void takeForgotten(String payload) {
        String[] parts = payload.split(" ", -1);
        if (parts.length != 3) {
            return;
        }
        ForgetAnswers answers = forgetsAsked.get(parts[0]);
        if (answers != null) {
            answers.take(parts[1], parts[2]);
        }
    }

    private static String encode(String id) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    /** Stops listening (within a second) and taking forgets; before the pool closes. */
    @Override
    public void close() {
        listener.close();
        forgetter.shutdownNow();
    }

    /** The answers to one forget request: which instances took it, which are done. */
    private static final class ForgetAnswers {
        private final Set<String> taken = new HashSet<>();
        private final Set<String> done = new HashSet<>();

        synchronized void take(String instance, String state) {
            if (TAKEN.equals(state)) {
                taken.add(instance);
            } else if (DONE.equals(state)) {
                taken.add(instance); // a "done" may overtake nothing, but counts as taken either way
                done.add(instance);
            }
            notifyAll();
        }

        /**
         * Collects the instances that take the request within {@code collect}, then waits for all of them to be
         * done, at most {@code finish} in all; how many are not.
         */
        synchronized int awaitDone(Duration collect, Duration finish) throws InterruptedException {
            long start = System.nanoTime();
            long collected = start + collect.toNanos();
            for (long left = collected - System.nanoTime(); left > 0; left = collected - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            long deadline = start + finish.toNanos();
            Set<String> waitedFor = Set.copyOf(taken); // a late taker is not waited for: the count is fixed now
            while (!done.containsAll(waitedFor)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            Set<String> unfinished = new HashSet<>(waitedFor);
            unfinished.removeAll(done);
            return unfinished.size();
        }
    }
}
