package com.chimti.ai.adapter.in.web.sse;

import com.chimti.ai.adapter.in.web.http.WebJson;
import com.chimti.ai.adapter.in.web.problem.ErrorMapper;
import com.chimti.ai.adapter.in.web.view.ActionView;
import com.chimti.ai.adapter.in.web.view.MessageView;
import com.chimti.ai.adapter.in.web.view.OneShotViews;
import com.chimti.ai.adapter.in.web.view.UsageView;
import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.port.in.AskOnceResult;
import com.chimti.ai.core.port.in.StreamEncoder;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.in.TurnStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The SSE events of the HTTP contract, as JSON: {@code message {userMessageId}}, {@code delta {text}},
 * {@code progress {kind, summary}}, {@code action {action}}, {@code usage {inputTokens, outputTokens, credits}}, then
 * {@code done} ({@code {assistantMessage}} for a chat turn, {@code {answer, meta}} for a one-shot call) or a last
 * {@code error {code, message}}, whose code comes from {@link ErrorMapper}. One per request: a failure is logged under
 * its request id.
 */
public final class SseEncoder implements StreamEncoder {
    private static final String REPLAY_UNAVAILABLE = "replay_unavailable";
    private static final String SLOW_CONSUMER = "slow_consumer";

    record ProgressView(String kind, String summary) {
    }

    record ErrorView(String code, String message) {
    }

    private final String requestId;

    public SseEncoder(String requestId) {
        this.requestId = requestId;
    }

    @Override
    public Encoded userMessage(AiMessage userMessage) {
        return encode("message", Map.of("userMessageId", userMessage.id().value()));
    }

    @Override
    public Encoded delta(String text) {
        return encode("delta", Map.of("text", text));
    }

    @Override
    public Encoded progress(String kind, String summary) {
        return encode("progress", new ProgressView(kind, summary));
    }

    @Override
    public Encoded action(AiAction action) {
        return encode("action", Map.of("action", ActionView.of(action)));
    }

    @Override
    public List<Encoded> turnEnded(TurnResult turn) {
        return ended(UsageView.of(turn), turn.outcome(), "turn",
                () -> Map.of("assistantMessage", MessageView.of(turn.assistantMessage())));
    }

    @Override
    public List<Encoded> callEnded(AskOnceResult result) {
        OneShotViews.MetaView meta = OneShotViews.MetaView.of(result.meta());
        return ended(new UsageView(meta.inputTokens(), meta.outputTokens(), meta.credits()), result.meta().outcome(),
                "call", () -> new OneShotViews.AnswerView(result.answer(), meta));
    }

    private List<Encoded> ended(UsageView usage, TurnOutcome outcome, String subject, Supplier<Object> done) {
        Encoded last = outcome == TurnOutcome.COMPLETED ? encode("done", done.get())
                : error(ErrorMapper.map(ErrorMapper.notCompleted(outcome, subject)));
        return List.of(encode("usage", usage), last);
    }

    @Override
    public Encoded failed(Throwable failure) {
        if (!(failure instanceof Exception exception)) {
            return error("internal_error", "the server could not complete the turn");
        }
        ErrorMapper.Mapped mapped = ErrorMapper.map(exception);
        ErrorMapper.log(mapped, exception, requestId);
        return error(mapped);
    }

    @Override
    public Encoded connectionEnded(TurnStream.Ending ending) {
        return switch (ending) {
            case REPLAY_UNAVAILABLE -> error(REPLAY_UNAVAILABLE,
                    "the events after this id are no longer kept; read the chat's messages instead");
            case SLOW_CONSUMER -> error(SLOW_CONSUMER, "the stream fell too far behind; resume with Last-Event-ID");
            case COMPLETE, CLIENT_GONE -> throw new IllegalArgumentException("no last event for " + ending);
        };
    }

    private static Encoded error(ErrorMapper.Mapped mapped) {
        return error(mapped.code(), mapped.detail());
    }

    private static Encoded error(String code, String message) {
        return encode("error", new ErrorView(code, message));
    }

    private static Encoded encode(String name, Object data) {
        return new Encoded(name, WebJson.write(data));
    }
}
