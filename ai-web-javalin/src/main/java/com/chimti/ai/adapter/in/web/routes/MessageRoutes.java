package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.RequestIds;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.adapter.in.web.problem.ErrorMapper;
import com.chimti.ai.adapter.in.web.sse.ActiveStreams;
import com.chimti.ai.adapter.in.web.sse.SseEncoder;
import com.chimti.ai.adapter.in.web.sse.SseWriter;
import com.chimti.ai.adapter.in.web.view.MessageView;
import com.chimti.ai.adapter.in.web.view.PageView;
import com.chimti.ai.adapter.in.web.view.UsageView;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.Converse;
import com.chimti.ai.core.port.in.ListMessagesQuery;
import com.chimti.ai.core.port.in.ResumeStreamQuery;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.StreamTurns;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.in.TurnStream;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/**
 * Messages of a chat and the turns that answer them, as one JSON answer or as an SSE stream
 * ({@code Accept: text/event-stream}). In JSON mode a turn that did not complete is an error
 * ({@link ErrorMapper#notCompleted}); the partial answer stays stored and can be read from the message list.
 *
 * <p>A streamed turn runs in the core ({@link StreamTurns}); this only writes its events. A client whose stream
 * broke resumes with {@code GET /v1/ai/chats/{chatId}/events} and {@code Last-Event-ID}.
 */
public final class MessageRoutes {
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
    private final StreamTurns streams;
    private final ActiveStreams activeStreams;

    public MessageRoutes(Converse converse, StreamTurns streams, ActiveStreams activeStreams) {
        this.converse = Objects.requireNonNull(converse, "converse");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.activeStreams = Objects.requireNonNull(activeStreams, "activeStreams");
    }

    public EndpointGroup endpoints() {
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
            // a turn refused before its first event throws here: an ordinary problem response says it best
            TurnStream turn = streams.send(command, new SseEncoder(RequestIds.of(ctx)));
            try (SseWriter writer = activeStreams.open(ctx)) {
                turn.follow(writer);
            }
        } else {
            TurnResult turn = converse.send(command, TurnEvents.NONE);
            ErrorMapper.requireCompleted(turn.outcome(), "turn");
            ctx.json(TurnView.of(turn));
        }
    }

    /**
     * Replays the chat's latest streamed turn after {@code Last-Event-ID} (header, or {@code lastEventId} query
     * parameter) and follows it live until it ends, whichever instance runs it. 204 when no instance has a recent
     * turn for the chat.
     */
    void resumeStream(Context ctx) throws InterruptedException {
        ResumeStreamQuery query = new ResumeStreamQuery(Authentication.caller(ctx), Requests.chatId(ctx),
                lastEventId(ctx));
        Optional<TurnStream> turn = streams.resume(query, new SseEncoder(RequestIds.of(ctx)));
        if (turn.isEmpty()) {
            ctx.status(204);
            return;
        }
        try (SseWriter writer = activeStreams.open(ctx)) {
            writer.comment("resumed"); // opens the stream even when nothing is new yet
            turn.get().follow(writer);
        }
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
