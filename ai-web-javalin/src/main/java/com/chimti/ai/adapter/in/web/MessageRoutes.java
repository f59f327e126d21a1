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
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Messages of a chat and the turns that answer them, as one JSON answer or as an SSE stream
 * ({@code Accept: text/event-stream}). In JSON mode a turn that did not complete is an error: cancelled is 409
 * {@code cancelled}, timed out 504 {@code provider_timeout}, failed 502 {@code provider_error}; the partial
 * answer stays stored and can be read from the message list.
 *
 * <p>A client whose stream broke resumes with {@code GET /v1/ai/chats/{chatId}/events} and {@code Last-Event-ID}.
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

    private final Converse converse;
    private final ManageChats chats;
    private final ScheduledExecutorService heartbeats;
    private final TurnJournals journals = new TurnJournals();

    MessageRoutes(Converse converse, ManageChats chats, ScheduledExecutorService heartbeats) {
        this.converse = Objects.requireNonNull(converse, "converse");
        this.chats = Objects.requireNonNull(chats, "chats");
        this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
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

    void sendMessage(Context ctx) {
        Caller caller = Authentication.caller(ctx);
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

    private void stream(Context ctx, SendMessageCommand command) {
        try (SseTurnStream stream = new SseTurnStream(new SseWriter(ctx), command.chatId(), journals, heartbeats,
                RequestIds.of(ctx))) {
            try {
                stream.finish(converse.send(command, stream));
            } catch (RuntimeException failure) {
                if (!stream.isOpen()) {
                    throw failure; // nothing streamed yet: an ordinary problem response says it best
                }
                stream.fail(failure);
            }
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
     * parameter) and follows it live until it ends. 204 when this server has no recent turn for the chat.
     */
    void resumeStream(Context ctx) throws InterruptedException {
        ChatId chatId = Requests.chatId(ctx);
        chats.get(Authentication.caller(ctx), chatId); // access and ownership, or 403/404
        Optional<TurnJournal> latest = journals.latest(chatId);
        if (latest.isEmpty()) {
            ctx.status(204);
            return;
        }
        TurnJournal journal = latest.get();
        String lastEventId = ctx.header("Last-Event-ID");
        int position = journal.positionAfter(lastEventId != null ? lastEventId : ctx.queryParam("lastEventId"));
        SseWriter writer = new SseWriter(ctx);
        writer.comment("resumed"); // opens the stream even when nothing is new yet
        while (!writer.isGone()) {
            TurnJournal.Batch batch = journal.awaitFrom(position, TimeUnit.SECONDS.toMillis(
                    SseTurnStream.HEARTBEAT_SECONDS));
            batch.entries().forEach(entry -> writer.event(entry.id(), entry.name(), entry.json()));
            position += batch.entries().size();
            if (batch.complete()) {
                break;
            }
            if (batch.entries().isEmpty()) {
                writer.comment("keep-alive");
            }
        }
        writer.seal();
    }

    void cancelTurn(Context ctx) {
        boolean cancelled = converse.cancel(Authentication.caller(ctx), Requests.chatId(ctx));
        ctx.status(202).json(new CancelView(cancelled));
    }
}
