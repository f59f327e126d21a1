package com.chimti.ai.adapter.in.web;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.chimti.ai.core.domain.Caller;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.ProviderFailureException;
import com.chimti.ai.core.domain.ProviderTimeoutException;
import com.chimti.ai.core.port.in.Converse;
import com.chimti.ai.core.port.in.ListMessagesQuery;
import com.chimti.ai.core.port.in.ManageChats;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.out.TurnEventLog;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages of a chat and the turns that answer them, as one JSON answer or as an SSE stream
 * ({@code Accept: text/event-stream}). In JSON mode a turn that did not complete is an error: cancelled is 409
 * {@code cancelled}, timed out 504 {@code provider_timeout}, failed 502 {@code provider_error}; the partial
 * answer stays stored and can be read from the message list.
 *
 * <p>A streamed turn runs on a {@code turns} thread and writes only to its {@link TurnJournal}; the request thread
 * serves the connection from the journal ({@link SseFollower}). A client whose stream broke resumes with
 * {@code GET /v1/ai/chats/{chatId}/events} and {@code Last-Event-ID}; when every connection of a running turn is
 * gone and none resumes within the disconnect grace, the turn is cancelled as by {@code POST .../cancel}.
 */
final class MessageRoutes {
    record SendMessageRequest(String content) {
    }

    record CancelView(boolean cancelled) {
    }

    record TurnView(MessageView userMessage, MessageView assistantMessage, UsageView usage) {
        static TurnView of(TurnResult turn) {
            return new TurnView(MessageView.of(turn.userMessage()), MessageView.of(turn.assistantMessage()),
                    UsageView.of(turn));
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(MessageRoutes.class);

    private final Converse converse;
    private final ManageChats chats;
    private final SseSettings settings;
    private final ScheduledExecutorService timers;
    private final Executor turns;
    private final ActiveStreams activeStreams;
    private final TurnJournals journals;
    private final TurnEventLog shared;

    /** @param shared the streamed turns' events kept for every instance (resume on another instance) */
    MessageRoutes(Converse converse, ManageChats chats, SseSettings settings, ScheduledExecutorService timers,
                  Executor turns, ActiveStreams activeStreams, TurnEventLog shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.converse = Objects.requireNonNull(converse, "converse");
        this.chats = Objects.requireNonNull(chats, "chats");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.turns = Objects.requireNonNull(turns, "turns");
        this.activeStreams = Objects.requireNonNull(activeStreams, "activeStreams");
        this.journals = new TurnJournals(settings.journalMaxEvents(), settings.journalMaxBytes());
    }

    EndpointGroup endpoints() {
        return () -> {
            get("/v1/ai/chats/{chatId}/messages", this::listMessages);
            post("/v1/ai/chats/{chatId}/messages", this::sendMessage);
            post("/v1/ai/chats/{chatId}/cancel", this::cancelTurn);
            get("/v1/ai/chats/{chatId}/events", this::resumeStream);
        };
    }

    void listMessages(Context ctx) {
        ListMessagesQuery query = new ListMessagesQuery(Authentication.caller(ctx), Requests.chatId(ctx),
                Requests.page(ctx));
        ctx.json(PageView.of(converse.messages(query), MessageView::of));
    }

    void sendMessage(Context ctx) throws InterruptedException {
        Caller caller = Authentication.callerWithAiAccess(ctx);
        ChatId chatId = Requests.chatId(ctx);
        SendMessageRequest body = WebJson.read(ctx, SendMessageRequest.class, null);
        SendMessageCommand command = new SendMessageCommand(caller, chatId,
                Requests.required(body.content(), "content"));
        if (Requests.wantsEventStream(ctx)) {
            stream(ctx, command);
        } else {
            ctx.json(TurnView.of(requireCompleted(converse.send(command, TurnEvents.NONE))));
        }
    }

    private void stream(Context ctx, SendMessageCommand command) throws InterruptedException {
        SseTurnStream turn = new SseTurnStream(command.chatId(), journals, RequestIds.of(ctx),
                settings.disconnectGrace(), timers, journal -> cancelAbandoned(command, journal), shared);
        turns.execute(() -> turn.run(() -> converse.send(command, turn)));
        TurnJournal journal;
        try {
            journal = turn.opened().get();
        } catch (ExecutionException notStarted) {
            // nothing streamed yet: an ordinary problem response says it best
            throw notStarted.getCause() instanceof RuntimeException failure ? failure
                    : new CompletionException(notStarted.getCause());
        }
        serve(journal, 0, new SseWriter(ctx));
    }

    private void serve(TurnJournal journal, long seen, SseWriter writer) throws InterruptedException {
        try (ActiveStreams.Handle counted = activeStreams.open()) {
            SseFollower.follow(journal, seen, writer, settings);
        } finally {
            writer.seal(); // nothing may write to a finished response
        }
    }

    /**
     * Every connection of a running turn broke and none resumed within the grace: stop the turn. The core cancels
     * "the chat's running turn", so check again that this one still runs (a chat runs one turn at a time).
     */
    private void cancelAbandoned(SendMessageCommand command, TurnJournal journal) {
        try {
            turns.execute(() -> {
                try {
                    if (followedElsewhere(journal)) {
                        journal.rearmAbandon(); // its client resumed on another instance: look again later
                        return;
                    }
                    if (!journal.isFinished() && converse.cancel(command.caller(), command.chatId())) {
                        LOG.info("cancelled the turn of chat {}: its client left and did not resume",
                                command.chatId().value());
                    }
                } catch (RuntimeException failure) {
                    LOG.warn("could not cancel the abandoned turn of chat {}", command.chatId().value(), failure);
                }
            });
        } catch (RejectedExecutionException stopping) {
            // the server is stopping; its turns stop with it
        }
    }

    /** Often enough that the running instance sees the turn followed within every disconnect grace. */
    private Duration copyWait() {
        Duration third = settings.disconnectGrace().dividedBy(3);
        Duration wait = third.compareTo(settings.heartbeat()) < 0 ? third : settings.heartbeat();
        return wait.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : wait;
    }

    /** A client resumed the turn on another instance and followed it within the last grace period. */
    private boolean followedElsewhere(TurnJournal journal) {
        try {
            return shared.followedWithin(journal.key(), settings.disconnectGrace());
        } catch (RuntimeException unreachable) {
            return false; // as with one instance: nobody is known to follow it
        }
    }

    private static TurnResult requireCompleted(TurnResult turn) {
        return switch (turn.outcome()) {
            case COMPLETED -> turn;
            case CANCELLED -> throw new ApiProblem(409, "cancelled", "the turn was cancelled");
            case TIMED_OUT -> throw new ProviderTimeoutException("the provider did not answer in time");
            case FAILED -> throw new ProviderFailureException("the provider could not answer");
        };
    }

    /**
     * Replays the chat's latest streamed turn after {@code Last-Event-ID} (header, or {@code lastEventId} query
     * parameter) and follows it live until it ends: from this instance's journal, or, for a turn another instance
     * runs (or ran), from the shared event log. 204 when no instance has a recent turn for the chat.
     */
    void resumeStream(Context ctx) throws InterruptedException {
        ChatId chatId = Requests.chatId(ctx);
        chats.get(Authentication.caller(ctx), chatId); // access and ownership, or 403/404
        Optional<TurnJournal> local = journals.latest(chatId);
        String lastEventId = lastEventId(ctx);
        // a turn running here, or the one the client names, is served from here; else the shared log knows of
        // any newer turn another instance runs or ran
        boolean servedHere = local.isPresent() && (!local.get().isFinished()
                || TurnJournal.seqIn(local.get().key(), lastEventId) > 0);
        Optional<String> elsewhere = servedHere ? Optional.empty()
                : shared.latestTurn(chatId).filter(key -> local.isEmpty() || !local.get().key().equals(key));
        if (elsewhere.isPresent()) {
            try (SharedTurnCopy copy = new SharedTurnCopy(shared, elsewhere.get(), settings, copyWait()).start()) {
                // the client may have seen an event the writer has not stored yet: give it a moment
                long wanted = TurnJournal.seqIn(elsewhere.get(), lastEventId);
                if (wanted > copy.journal().lastSeq()) {
                    copy.journal().awaitAfter(wanted - 1, 2_000);
                }
                resumeFrom(ctx, copy.journal());
            }
            return;
        }
        if (local.isEmpty()) {
            ctx.status(204);
            return;
        }
        resumeFrom(ctx, local.get());
    }

    private void resumeFrom(Context ctx, TurnJournal journal) throws InterruptedException {
        long seen = journal.seqOf(lastEventId(ctx));
        SseWriter writer = new SseWriter(ctx);
        writer.comment("resumed"); // opens the stream even when nothing is new yet
        serve(journal, seen, writer);
    }

    /** {@code Last-Event-ID} as a header (what EventSource sends on its own), else the {@code lastEventId} parameter. */
    static String lastEventId(Context ctx) {
        String header = ctx.header("Last-Event-ID");
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        String query = ctx.queryParam("lastEventId");
        return query == null || query.isBlank() ? null : query.strip();
    }

    void cancelTurn(Context ctx) {
        boolean cancelled = converse.cancel(Authentication.caller(ctx), Requests.chatId(ctx));
        ctx.status(202).json(new CancelView(cancelled));
    }
}
