package com.chimti.ai.app.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.testing.FakeProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider span: mode, outcome, tokens, the exit code of a per-turn process, and no text. */
class TracedProviderTest {
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider tracing = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final FakeProvider fake = new FakeProvider("codex");
    private final TracedProvider traced = new TracedProvider(fake, tracing.get("test"), "exec");

    private static CompletionRequest request(String text) {
        return new CompletionRequest(new TenantUser(new ClientId("c1"), new UserId("user-1")), null, null, null,
                List.of(new PromptMessage(MessageRole.USER, text)), null, "gpt-5", Duration.ofSeconds(5), null);
    }

    @Test
    void aTurnOfItsOwnProcessCarriesTheExitCodeAndTokensButNoText() {
        fake.answering(r -> new CompletionResult("private answer", new TokenUsage(7, 3), "gpt-5",
                TurnOutcome.COMPLETED, 0));
        traced.complete(request("private question"));

        SpanData span = spans.getFinishedSpanItems().get(0);
        assertThat(span.getAttributes().get(TracedProvider.MODE)).isEqualTo("exec");
        assertThat(span.getAttributes().get(TracedProvider.EXIT_CODE)).isZero();
        assertThat(span.getAttributes().get(TracedProvider.INPUT_TOKENS)).isEqualTo(7);
        assertThat(span.getAttributes().get(TracedProvider.OUTPUT_TOKENS)).isEqualTo(3);
        assertThat(span.getAttributes().get(TracedProvider.OUTCOME)).isEqualTo("completed");
        assertThat(span.toString()).doesNotContain("private answer").doesNotContain("private question");
    }

    @Test
    void aTurnWithoutAProcessOfItsOwnHasNoExitCodeAndAFailureOnlyItsType() {
        fake.answering(r -> new CompletionResult("ok", TokenUsage.NONE, "gpt-5", TurnOutcome.COMPLETED));
        traced.complete(request("hi"));
        assertThat(spans.getFinishedSpanItems().get(0).getAttributes().get(TracedProvider.EXIT_CODE)).isNull();

        fake.answering(r -> {
            throw new ProviderFailureException("the model said something secret");
        });
        assertThatThrownBy(() -> traced.complete(request("hi"))).isInstanceOf(ProviderFailureException.class);
        SpanData failed = spans.getFinishedSpanItems().get(1);
        assertThat(failed.getAttributes().get(TracedProvider.ERROR_TYPE)).isEqualTo("ProviderFailureException");
        assertThat(failed.toString()).doesNotContain("secret");
    }
}
