package com.chimti.ai.adapter.out.persistence.turn;

import com.chimti.ai.adapter.out.persistence.connection.Sessions;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.port.out.TurnEventLog;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link TurnEventLog} in PostgreSQL (V7__create_ai_turn_events.sql). Appends go through a queue to one writer
 * thread that writes them in batches, in order, and sends {@code NOTIFY ai_turn_events, '<turn key>'} with each
 * commit, so a turn never waits for the database between two deltas. Followers wait on one dedicated listener
 * connection per instance; when it is down they still see new events within the wait's timeout (polling).
 */
public final class PgTurnEventLog implements TurnEventLog, AutoCloseable {
    static final String CHANNEL = "ai_turn_events";
    private static final Logger LOG = LoggerFactory.getLogger(PgTurnEventLog.class);
    private static final int BATCH = 500;
    private static final Duration FINISHED_KEPT = Duration.ofMinutes(5);
    private static final Duration UNFINISHED_KEPT = Duration.ofDays(1);
    private static final long SWEEP_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** How long a batch is tried again while the database fails (a restart, a fail-over) before it is dropped. */
    static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);

    private sealed interface Write permits Append, Finish {
        String turnKey();
    }

    private record Append(String chatId, String turnKey, long seq, String name, String data) implements Write {
    }

    private record Finish(String chatId, String turnKey) implements Write {
    }

    private final Jdbi jdbi;
    private final PgListener listener;
    /** Bounded: while the database is down the events wait here, and past this many new ones are dropped. */
    static final int MAX_QUEUED = 50_000;

    private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>(MAX_QUEUED);
    private final AtomicBoolean overflowReported = new AtomicBoolean();
    private final Map<String, Long> changes = new HashMap<>(); // guarded by itself: NOTIFYs seen per turn key
    private Thread writer; // guarded by this
    private volatile boolean closed;
    private long epoch; // guarded by changes: bumped when every waiter must read again
    private long lastSweep = System.nanoTime() - SWEEP_EVERY_NANOS;

    /** @param sessions opens the listener's own connection (LISTEN needs one session for its whole life) */
    public PgTurnEventLog(Jdbi jdbi, Sessions sessions) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        // a (re)opened session may have missed notifications: every follower reads again
        this.listener = new PgListener("ai-turn-events-listener", sessions, List.of(CHANNEL), this::signalAll,
                (channel, turnKey) -> signal(turnKey));
    }

    @Override
    public void append(ChatId chatId, String turnKey, long seq, String name, String data) {
        enqueue(new Append(chatId.value(), turnKey, seq, name, data));
    }

    @Override
    public void finish(ChatId chatId, String turnKey) {
        enqueue(new Finish(chatId.value(), turnKey));
    }

    private void enqueue(Write write) {
        if (closed) {
            return;
        }
        startWriter();
        if (queue.offer(write)) {
            overflowReported.set(false);
        } else if (!overflowReported.getAndSet(true)) {
            LOG.warn("the shared turn event log is {} writes behind; dropping new events until it catches up "
                    + "(resuming on another instance may miss them)", MAX_QUEUED);
        }
    }

    @Override
    public Optional<String> latestTurn(ChatId chatId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT turn_key FROM ai_turn_streams WHERE chat_id = :chat"
                        + " ORDER BY created_at DESC, turn_key DESC LIMIT 1")
                .bind("chat", chatId.value()).mapTo(String.class).findOne());
    }

    @Override
    public Slice read(String turnKey, long afterSeq, int max) {
        return jdbi.inTransaction(h -> {
            // finished first: it is written after the last event, so when it was set every event is visible
            boolean finished = h.createQuery("SELECT finished FROM ai_turn_streams WHERE turn_key = :key")
                    .bind("key", turnKey).mapTo(Boolean.class).findOne().orElse(true);
            List<Event> events = h.createQuery("SELECT seq, name, data FROM ai_turn_events WHERE turn_key = :key"
                            + " AND seq > :after ORDER BY seq LIMIT :max")
                    .bind("key", turnKey).bind("after", afterSeq).bind("max", max)
                    .map((rs, ctx) -> new Event(rs.getLong("seq"), rs.getString("name"), rs.getString("data")))
                    .list();
            return new Slice(events, finished);
        });
    }

    @Override
    public void awaitChange(String turnKey, Duration timeout) throws InterruptedException {
        listener.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            long seen = changes.getOrDefault(turnKey, 0L);
            long seenEpoch = epoch;
            while (changes.getOrDefault(turnKey, 0L) == seen && epoch == seenEpoch && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
        }
    }

    @Override
    public void markFollowed(String turnKey) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE ai_turn_streams SET followed_at = now() WHERE turn_key = :key")
                .bind("key", turnKey).execute());
    }

    @Override
    public boolean followedWithin(String turnKey, Duration window) {
        // the database's clock on both sides, so the instances' clocks need not agree
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM ai_turn_streams WHERE turn_key = :key"
                        + " AND followed_at >= now() - make_interval(secs => :seconds)")
                .bind("key", turnKey).bind("seconds", window.toMillis() / 1000.0)
                .mapTo(Long.class).one() > 0);
    }

    // ---------------------------------------------------------------- writer

    private synchronized void startWriter() {
        if (writer == null && !closed) {
            writer = daemon("ai-turn-events-writer", this::writeLoop);
        }
    }

    private void writeLoop() {
        while (!closed || !queue.isEmpty()) {
            try {
                Write first = queue.poll(1, TimeUnit.SECONDS);
                if (first != null) {
                    List<Write> batch = new ArrayList<>(List.of(first));
                    queue.drainTo(batch, BATCH - 1);
                    writeRetrying(batch);
                }
                sweepNowAndThen();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failure) {
                LOG.warn("could not sweep old turn events: {}", failure.getClass().getSimpleName());
            }
        }
    }

    /**
     * Writes a batch, trying again with growing pauses while the database fails, for up to {@link #GIVE_UP_AFTER}
     * (the events wait in the queue meanwhile). A batch is one transaction, so a retry never doubles anything.
     * Dropping it would cost more than its events: a {@code finished} in it would never be written, and a
     * follower on another instance would wait for its client to leave.
     */
    private void writeRetrying(List<Write> batch) throws InterruptedException {
        long giveUpAt = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        long pauseMillis = 100;
        while (true) {
            try {
                write(batch);
                return;
            } catch (RuntimeException failure) {
                if (closed || System.nanoTime() - giveUpAt >= 0) {
                    // the events are lost for other instances; the running instance still streams its own
                    LOG.warn("could not keep {} turn events for other instances: {}", batch.size(),
                            failure.getClass().getSimpleName());
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
                pauseMillis = Math.min(pauseMillis * 2, 5_000);
            }
        }
    }

    private void write(List<Write> batch) {
        jdbi.useTransaction(h -> {
            Set<String> keys = new LinkedHashSet<>();
            PreparedBatch streams = h.prepareBatch("INSERT INTO ai_turn_streams (turn_key, chat_id)"
                    + " VALUES (:key, :chat) ON CONFLICT (turn_key) DO NOTHING");
            PreparedBatch events = h.prepareBatch("INSERT INTO ai_turn_events (turn_key, seq, name, data)"
                    + " VALUES (:key, :seq, :name, :data) ON CONFLICT DO NOTHING");
            PreparedBatch finishes = h.prepareBatch("UPDATE ai_turn_streams SET finished = true,"
                    + " finished_at = now() WHERE turn_key = :key");
            for (Write write : batch) {
                if (keys.add(write.turnKey())) {
                    String chat = write instanceof Append a ? a.chatId() : ((Finish) write).chatId();
                    streams.bind("key", write.turnKey()).bind("chat", chat).add();
                }
                if (write instanceof Append a) {
                    events.bind("key", a.turnKey()).bind("seq", a.seq()).bind("name", a.name())
                            .bind("data", a.data()).add();
                } else {
                    finishes.bind("key", write.turnKey()).add();
                }
            }
            streams.execute();
            if (events.size() > 0) {
                events.execute();
            }
            if (finishes.size() > 0) {
                finishes.execute(); // after the events: a reader that sees finished sees them all
            }
            h.createQuery("SELECT pg_notify(:channel, key) FROM unnest(:keys) AS key")
                    .bind("channel", CHANNEL).bindArray("keys", String.class, keys)
                    .mapTo(String.class).list();
        });
    }

    private void sweepNowAndThen() {
        if (System.nanoTime() - lastSweep < SWEEP_EVERY_NANOS) {
            return;
        }
        lastSweep = System.nanoTime();
        Instant now = Instant.now();
        int swept = jdbi.withHandle(h -> h.createUpdate("DELETE FROM ai_turn_streams WHERE (finished AND"
                        + " finished_at < :finishedBefore) OR created_at < :startedBefore")
                .bind("finishedBefore", OffsetDateTime.ofInstant(now.minus(FINISHED_KEPT), ZoneOffset.UTC))
                .bind("startedBefore", OffsetDateTime.ofInstant(now.minus(UNFINISHED_KEPT), ZoneOffset.UTC))
                .execute());
        if (swept > 0) {
            LOG.debug("swept {} kept turn streams", swept);
        }
    }

    // ---------------------------------------------------------------- listener

    private void signal(String turnKey) {
        synchronized (changes) {
            if (changes.size() > 10_000) {
                changes.clear(); // a waiter whose count vanished just wakes up once early and reads again
            }
            changes.merge(turnKey, 1L, Long::sum);
            changes.notifyAll();
        }
    }

    /** For tests: whether the LISTEN session is up, so notifications reach this instance. */
    boolean listening() {
        return listener.listening();
    }

    private void signalAll() {
        synchronized (changes) {
            epoch++;
            changes.notifyAll();
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Writes what is queued, then stops both threads (each notices within a second); before the pool closes. */
    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            closed = true;
            w = writer;
        }
        signalAll();
        listener.close();
        if (w != null) {
            try {
                w.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
