package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.port.in.AskOnce;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.Converse;
import com.chimti.ai.core.port.in.ManageChats;
import com.chimti.ai.core.port.in.ResumeStreamQuery;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.StreamEncoder;
import com.chimti.ai.core.port.in.StreamSink;
import com.chimti.ai.core.port.in.StreamTurns;
import com.chimti.ai.core.port.in.TurnStream;
import com.chimti.ai.core.port.out.TurnEventLog;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@link StreamTurns} on {@link Converse} and {@link AskOnce}. A streamed turn runs on a {@code workers} thread and
 * writes only to its {@link TurnJournal} (the latest of each chat is kept in this process a few minutes, and every
 * event also goes to the shared {@link TurnEventLog}); each connection reads a journal on its own thread
 * ({@link JournalFollower}). A resume for a turn another instance runs copies the shared events into a local journal
 * ({@link SharedTurnCopy}). When every connection of a running turn has gone and none resumes within the disconnect
 * grace (here, or on another instance, which marks the turn followed), the turn is cancelled as by
 * {@link Converse#cancel}.
 *
 * <p>Threads come from the wiring: {@code workers} runs turns, copies and cancels (long waits: unbounded, never
 * queueing), {@code timers} keep-alives and grace timers.
 */
public final class TurnStreamService implements StreamTurns {
    private static final System.Logger LOG = System.getLogger(TurnStreamService.class.getName());
    /** How long a resume on another instance waits for an event the client saw but the log does not hold yet. */
    private static final long AWAIT_SEEN_EVENT_MILLIS = 2_000;

    private final Converse converse;
    private final AskOnce askOnce;
    private final ManageChats chats;
    private final TurnEventLog shared;
    private final StreamSettings settings;
    private final Executor workers;
    private final ScheduledExecutorService timers;
    private final TurnJournals journals;

    /** @param shared where every streamed turn's events are also kept, for clients that resume on another instance */
    public TurnStreamService(Converse converse, AskOnce askOnce, ManageChats chats, TurnEventLog shared,
                             StreamSettings settings, Executor workers, ScheduledExecutorService timers) {
        this.converse = Objects.requireNonNull(converse, "converse");
        this.askOnce = Objects.requireNonNull(askOnce, "askOnce");
        this.chats = Objects.requireNonNull(chats, "chats");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.journals = new TurnJournals(settings);
    }

    @Override
    public TurnStream send(SendMessageCommand command, StreamEncoder encoder) throws InterruptedException {
        StreamedTurn turn = new StreamedTurn(command.chatId(), journals, encoder, shared,
                journal -> journal.whenAbandoned(settings.disconnectGrace(), timers,
                        () -> cancelAbandoned(command, journal)));
        workers.execute(() -> turn.run(() -> converse.send(command, turn)));
        TurnJournal journal;
        try {
            journal = turn.opened().get();
        } catch (ExecutionException notStarted) {
            // nothing streamed yet: the caller answers the failure as it is
            throw notStarted.getCause() instanceof RuntimeException failure ? failure
                    : new CompletionException(notStarted.getCause());
        }
        return sink -> JournalFollower.follow(journal, 0, sink, encoder, settings);
    }

    @Override
    public Optional<TurnStream> resume(ResumeStreamQuery query, StreamEncoder encoder) {
        ChatId chatId = query.chatId();
        chats.get(query.caller(), chatId); // access and ownership
        Optional<TurnJournal> local = journals.latest(chatId);
        String lastEventId = query.lastEventId();
        // a turn running here, or the one the client names, is served from here; else the shared log knows of any
        // newer turn another instance runs or ran
        boolean servedHere = local.isPresent() && (!local.get().isFinished()
                || TurnJournal.seqIn(local.get().key(), lastEventId) > 0);
        Optional<String> elsewhere = servedHere ? Optional.empty()
                : shared.latestTurn(chatId).filter(key -> local.isEmpty() || !local.get().key().equals(key));
        if (elsewhere.isPresent()) {
            return Optional.of(sink -> followElsewhere(elsewhere.get(), lastEventId, sink, encoder));
        }
        return local.map(journal -> sink -> JournalFollower.follow(journal, journal.seqOf(lastEventId), sink, encoder,
                settings));
    }

    /** Follows a turn another instance runs (or ran) through a local copy of its shared events. */
    private TurnStream.Ending followElsewhere(String turnKey, String lastEventId, StreamSink sink,
                                              StreamEncoder encoder) throws InterruptedException {
        try (SharedTurnCopy copy = new SharedTurnCopy(shared, turnKey, settings, copyWait()).start(workers)) {
            TurnJournal journal = copy.journal();
            // the client may have seen an event the running instance has not stored yet: give it a moment
            long wanted = TurnJournal.seqIn(turnKey, lastEventId);
            if (wanted > journal.lastSeq()) {
                journal.awaitAfter(wanted - 1, AWAIT_SEEN_EVENT_MILLIS);
            }
            return JournalFollower.follow(journal, journal.seqOf(lastEventId), sink, encoder, settings);
        }
    }

    /** Often enough that the running instance sees the turn followed within every disconnect grace. */
    private Duration copyWait() {
        Duration third = settings.disconnectGrace().dividedBy(3);
        Duration wait = third.compareTo(settings.heartbeat()) < 0 ? third : settings.heartbeat();
        return wait.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : wait;
    }

    /**
     * Every connection of a running turn ended and none resumed within the grace: stop the turn. The core cancels
     * "the chat's running turn", so check again that this one still runs (a chat runs one turn at a time).
     */
    private void cancelAbandoned(SendMessageCommand command, TurnJournal journal) {
        String chatId = command.chatId().value();
        try {
            workers.execute(() -> {
                try {
                    if (followedElsewhere(journal)) {
                        journal.rearmAbandon(); // its client resumed on another instance: look again later
                        return;
                    }
                    if (!journal.isFinished() && converse.cancel(command.caller(), command.chatId())) {
                        LOG.log(System.Logger.Level.INFO,
                                "cancelled the turn of chat {0}: its client left and did not resume", chatId);
                    }
                } catch (RuntimeException failure) {
                    LOG.log(System.Logger.Level.WARNING, "could not cancel the abandoned turn of chat " + chatId,
                            failure);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the server is stopping; its turns stop with it
        }
    }

    /** A client resumed the turn on another instance and followed it within the last grace period. */
    private boolean followedElsewhere(TurnJournal journal) {
        try {
            return shared.followedWithin(journal.key(), settings.disconnectGrace());
        } catch (RuntimeException unreachable) {
            return false; // as with one instance: nobody is known to follow it
        }
    }

    @Override
    public void ask(AskOnceCommand command, StreamEncoder encoder, StreamSink sink) {
        try (OneShotStream stream = new OneShotStream(sink, encoder, timers, settings.heartbeat())) {
            try {
                stream.finish(askOnce.ask(command, stream));
            } catch (RuntimeException failure) {
                if (!stream.isOpen()) {
                    throw failure; // nothing streamed yet: the caller answers the failure as it is
                }
                stream.fail(failure);
            }
        }
    }
}
