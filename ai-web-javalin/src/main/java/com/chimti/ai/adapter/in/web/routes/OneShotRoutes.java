package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.post;

import com.chimti.ai.adapter.in.web.auth.Authentication;
import com.chimti.ai.adapter.in.web.http.ApiProblem;
import com.chimti.ai.adapter.in.web.http.RequestIds;
import com.chimti.ai.adapter.in.web.http.Requests;
import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.adapter.in.web.problem.ErrorMapper;
import com.chimti.ai.adapter.in.web.sse.ActiveStreams;
import com.chimti.ai.adapter.in.web.sse.SseEncoder;
import com.chimti.ai.adapter.in.web.sse.SseWriter;
import com.chimti.ai.adapter.in.web.view.OneShotViews;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.in.AskOnce;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.AskOnceMode;
import com.chimti.ai.core.port.in.AskOnceResult;
import com.chimti.ai.core.port.in.StreamTurns;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one-shot endpoints: {@code POST /chat} (chat or allowlisted tool, JSON or SSE), the legacy
 * {@code POST /v1/ai/chat}, and {@code GET /v1/ai/skills} (the allowlist, so clients can show what tool mode
 * offers). Nothing is stored but usage. In JSON a call that did not complete is an error
 * ({@link ErrorMapper#notCompleted}); a streamed call runs in the core ({@link StreamTurns#ask}), which this only
 * writes.
 */
public final class OneShotRoutes {
    /** {@code POST /chat}. */
    record AskRequest(String mode, String message, String context, String skill, Map<String, Object> extra) {
    }

    /** {@code POST /v1/ai/chat} (legacy). */
    record LegacyRequest(String message, List<HistoryItem> history) {
    }

    record HistoryItem(String role, String content) {
    }

    /** Legacy history entries accepted per request; the use case then keeps only the latest few. */
    static final int MAX_HISTORY_ITEMS = 100;

    private final AskOnce askOnce;
    private final boolean streamingEnabled;
    private final StreamTurns streams;
    private final ActiveStreams activeStreams;

    public OneShotRoutes(AskOnce askOnce, boolean streamingEnabled, StreamTurns streams, ActiveStreams activeStreams) {
        this.askOnce = Objects.requireNonNull(askOnce, "askOnce");
        this.streamingEnabled = streamingEnabled;
        this.streams = Objects.requireNonNull(streams, "streams");
        this.activeStreams = Objects.requireNonNull(activeStreams, "activeStreams");
    }

    public EndpointGroup endpoints() {
        return () -> {
            post("/chat", this::ask);
            post("/v1/ai/chat", this::legacyChat);
            get("/v1/ai/skills", this::listSkills);
        };
    }

    void ask(Context ctx) {
        Caller caller = Authentication.callerWithAiAccess(ctx);
        AskRequest body = WebJson.read(ctx, AskRequest.class, null);
        AskOnceMode mode = AskOnceMode.fromWireName(Requests.required(body.mode(), "mode"));
        AskOnceCommand command = new AskOnceCommand(caller, mode, Requests.required(body.message(), "message"),
                body.context(), body.skill(), body.extra(), null, List.of());
        if (mode == AskOnceMode.TOOL) {
            ctx.json(OneShotViews.ToolView.of(requireCompleted(askOnce.ask(command))));
        } else if (streamingEnabled && Requests.wantsEventStream(ctx)) {
            stream(ctx, command);
        } else {
            ctx.json(OneShotViews.AnswerView.of(requireCompleted(askOnce.ask(command))));
        }
    }

    private void stream(Context ctx, AskOnceCommand command) {
        // a call refused before its first event throws here: an ordinary problem response says it best
        try (SseWriter writer = activeStreams.open(ctx)) {
            streams.ask(command, new SseEncoder(RequestIds.of(ctx)), writer);
        }
    }

    void legacyChat(Context ctx) {
        Caller caller = Authentication.callerWithAiAccess(ctx);
        LegacyRequest body = WebJson.read(ctx, LegacyRequest.class, null);
        String message = Requests.required(body.message(), "message");
        List<HistoryItem> items = body.history() == null ? List.of() : body.history();
        if (items.size() > MAX_HISTORY_ITEMS) {
            throw ApiProblem.invalid("history may hold at most " + MAX_HISTORY_ITEMS + " entries");
        }
        List<PromptMessage> history = new ArrayList<>();
        for (HistoryItem item : items) {
            if (item == null || !("user".equals(item.role()) || "assistant".equals(item.role()))) {
                throw ApiProblem.invalid("history role must be 'user' or 'assistant'");
            }
            history.add(new PromptMessage(MessageRole.fromWireName(item.role()),
                    Requests.required(item.content(), "history content")));
        }
        AskOnceCommand command = AskOnceCommand.chat(caller, message, null).withHistory(history);
        ctx.json(OneShotViews.LegacyView.of(requireCompleted(askOnce.ask(command))));
    }

    void listSkills(Context ctx) {
        ctx.json(Map.of("items", askOnce.skills(Authentication.caller(ctx)).stream()
                .map(OneShotViews.SkillView::of).toList()));
    }

    private static AskOnceResult requireCompleted(AskOnceResult result) {
        ErrorMapper.requireCompleted(result.meta().outcome(), "call");
        return result;
    }
}
