package com.chimti.ai.app.tracing;

import com.chimti.ai.app.ForwardingProvider;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.AiProvider;
import com.chimti.ai.core.port.out.TurnListener;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.Objects;

/**
 * A child span per provider call ({@link #complete}), under the current request's span: provider, mode, model,
 * outcome, duration and token counts; on a failure only the exception's type. Never the prompt or the answer.
 * Every other method only delegates ({@link ForwardingProvider}), so core and adapters stay free of OpenTelemetry.
 */
public final class TracedProvider extends ForwardingProvider {
    static final String SPAN_NAME = "ai.provider.complete";
    static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("chimti.provider");
    static final AttributeKey<String> MODE = AttributeKey.stringKey("chimti.provider.mode");
    static final AttributeKey<String> MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("chimti.outcome");
    static final AttributeKey<Long> DURATION_MS = AttributeKey.longKey("chimti.duration_ms");
    static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<Long> EXIT_CODE = AttributeKey.longKey("process.exit.code");

    private final Tracer tracer;
    private final String provider;
    private final String mode;

    /** @param mode how the provider runs turns ({@code app-server}, {@code exec}), else {@code default} */
    public TracedProvider(AiProvider delegate, Tracer tracer, String mode) {
        super(delegate);
        this.tracer = Objects.requireNonNull(tracer, "tracer");
        this.provider = delegate.id().value();
        this.mode = mode == null || mode.isBlank() ? "default" : mode;
    }

    @Override
    public CompletionResult complete(CompletionRequest request, TurnListener listener) {
        Span span = tracer.spanBuilder(SPAN_NAME).setSpanKind(SpanKind.CLIENT)
                .setAttribute(PROVIDER, provider)
                .setAttribute(MODE, mode)
                .startSpan();
        if (request.model() != null && !request.model().isBlank()) {
            span.setAttribute(MODEL, request.model());
        }
        long started = System.nanoTime();
        try (Scope ignored = span.makeCurrent()) {
            CompletionResult result = delegate().complete(request, listener);
            span.setAttribute(OUTCOME, result.outcome().wireName());
            span.setAttribute(INPUT_TOKENS, result.usage().inputTokens());
            span.setAttribute(OUTPUT_TOKENS, result.usage().outputTokens());
            if (result.exitCode() != null) {
                span.setAttribute(EXIT_CODE, result.exitCode().longValue());
            }
            if (result.outcome() == TurnOutcome.FAILED || result.outcome() == TurnOutcome.TIMED_OUT) {
                span.setStatus(StatusCode.ERROR);
            }
            return result;
        } catch (RuntimeException | Error failed) {
            // the type only: a message could quote the provider's answer
            span.setAttribute(OUTCOME, TurnOutcome.FAILED.wireName());
            span.setAttribute(ERROR_TYPE, failed.getClass().getSimpleName());
            span.setStatus(StatusCode.ERROR);
            throw failed;
        } finally {
            span.setAttribute(DURATION_MS, (System.nanoTime() - started) / 1_000_000);
            span.end();
        }
    }
}
