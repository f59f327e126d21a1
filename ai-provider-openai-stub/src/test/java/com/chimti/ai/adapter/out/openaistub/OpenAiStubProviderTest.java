package com.chimti.ai.adapter.out.openaistub;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.adapter.out.openaistub.OpenAiStubProvider.StubSettings;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CancellationSignal;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.out.TurnListener;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiStubProviderTest {
    private static final TenantUser ALICE = new TenantUser(new ClientId("c1"), new UserId("alice"));

    private final OpenAiStubProvider provider =
            new OpenAiStubProvider(new StubSettings(Duration.ZERO, Duration.ofMinutes(1)), Clock.systemUTC());

    @Test
    void answersFromThePromptAndStreamsTheSameTextAsDeltas() {
        List<String> deltas = new ArrayList<>();
        CompletionResult result = provider.complete(request("What is the weather?", Duration.ofSeconds(5), null),
                new TurnListener() {
                    @Override
                    public void onDelta(String text) {
                        deltas.add(text);
                    }
                });

        assertThat(result.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(result.text()).contains("What is the weather?");
        assertThat(deltas).hasSizeGreaterThan(1);
        assertThat(String.join("", deltas)).isEqualTo(result.text());
        assertThat(result.usage().inputTokens()).isPositive();
        assertThat(result.usage().outputTokens()).isPositive();
    }

    @Test
    void theSamePromptGetsTheSameAnswer() {
        String first = provider.complete(request("hello", Duration.ofSeconds(5), null)).text();
        String second = provider.complete(request("hello", Duration.ofSeconds(5), null)).text();
        assertThat(first).isEqualTo(second);
    }

    @Test
    void aCancelledTurnStopsWithThePartialAnswer() {
        OpenAiStubProvider slow = new OpenAiStubProvider(
                new StubSettings(Duration.ofMillis(50), Duration.ofMinutes(1)), Clock.systemUTC());
        CancellationSignal cancel = new CancellationSignal();
        List<String> deltas = new ArrayList<>();
        CompletionResult result = slow.complete(request("a b c d e f g h", Duration.ofSeconds(5), cancel),
                new TurnListener() {
                    @Override
                    public void onDelta(String text) {
                        deltas.add(text);
                        if (deltas.size() == 2) {
                            cancel.cancel();
                        }
                    }
                });

        assertThat(result.outcome()).isEqualTo(TurnOutcome.CANCELLED);
        assertThat(result.text()).isEqualTo(String.join("", deltas));
    }

    @Test
    void aTurnPastItsTimeoutEndsTimedOut() {
        OpenAiStubProvider slow = new OpenAiStubProvider(
                new StubSettings(Duration.ofMillis(30), Duration.ofMinutes(1)), Clock.systemUTC());
        CompletionResult result = slow.complete(request("one two three four five six", Duration.ofMillis(40), null));
        assertThat(result.outcome()).isEqualTo(TurnOutcome.TIMED_OUT);
    }

    private static CompletionRequest request(String text, Duration timeout, CancellationSignal cancel) {
        return new CompletionRequest(ALICE, null, null, null, List.of(new PromptMessage(MessageRole.USER, text)),
                null, "stub-small", timeout, cancel);
    }
}
