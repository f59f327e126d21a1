package com.chimti.ai.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.chat.PromptMessage;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.ProviderTimeoutException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.ClientId;
import com.chimti.ai.core.domain.tenancy.TenantUser;
import com.chimti.ai.core.domain.tenancy.UserId;
import com.chimti.ai.core.domain.turn.CompletionRequest;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.testing.FakeProvider;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsProviderTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final FakeProvider fake = new FakeProvider("codex");
    private final MeteredProvider metered = new MeteredProvider(fake, registry, "app-server");

    private static CompletionRequest request(String text) {
        return new CompletionRequest(new TenantUser(new ClientId("c1"), new UserId("user-secret-id")), null, null, null,
                List.of(new PromptMessage(MessageRole.USER, text)), null, "gpt-5", Duration.ofSeconds(5), null);
    }

    private double duration(String outcome) {
        DistributionSummary summary = registry.find(MeteredProvider.CALL_DURATION)
                .tags("provider", "codex", "mode", "app-server", "outcome", outcome).summary();
        return summary == null ? 0 : summary.count();
    }

    private double errors(String kind) {
        return registry.get(MeteredProvider.ERRORS).tags("provider", "codex", "kind", kind).counter().count();
    }

    private double tokens(String direction, String model) {
        return registry.get(MeteredProvider.TOKENS).tags("provider", "codex", "direction", direction, "model", model)
                .counter().count();
    }

    @Test
    void aCompletedTurnIsTimedAndItsTokensCountedByModel() {
        CompletionResult result = metered.complete(request("hello"));

        assertThat(result.text()).isEqualTo("echo: hello");
        assertThat(fake.requests()).hasSize(1);
        assertThat(duration("completed")).isEqualTo(1);
        assertThat(tokens("input", "gpt-5")).isEqualTo(3);
        assertThat(tokens("output", "gpt-5")).isEqualTo(2);
        assertThat(errors("failure")).isZero();
        assertThat(registry.get(MeteredProvider.TIMEOUTS).counter().count()).isZero();
    }

    @Test
    void timeoutsAreCountedWhetherReturnedOrThrown() {
        fake.answering(r -> new CompletionResult("part", new TokenUsage(5, 1), null, TurnOutcome.TIMED_OUT));
        metered.complete(request("slow"));
        fake.answering(r -> {
            throw new ProviderTimeoutException("too slow");
        });
        assertThatThrownBy(() -> metered.complete(request("slower"))).isInstanceOf(ProviderTimeoutException.class);

        assertThat(registry.get(MeteredProvider.TIMEOUTS).tags("provider", "codex").counter().count()).isEqualTo(2);
        assertThat(duration("timed_out")).isEqualTo(2);
        // no model in the result: the request's model labels the tokens
        assertThat(tokens("input", "gpt-5")).isEqualTo(5);
    }

    @Test
    void errorsAreCountedByKindAndRethrownUnchanged() {
        fake.answering(r -> {
            throw new ProviderNotConnectedException("connect first");
        });
        assertThatThrownBy(() -> metered.complete(request("a"))).isInstanceOf(ProviderNotConnectedException.class);
        fake.answering(r -> {
            throw new RateLimitedException("slow down", Duration.ofSeconds(3));
        });
        assertThatThrownBy(() -> metered.complete(request("b"))).isInstanceOf(RateLimitedException.class);
        fake.answering(r -> {
            throw new ProviderFailureException("crashed");
        });
        assertThatThrownBy(() -> metered.complete(request("c"))).isInstanceOf(ProviderFailureException.class);
        fake.answering(r -> {
            throw new IllegalStateException("bug");
        });
        assertThatThrownBy(() -> metered.complete(request("d"))).isInstanceOf(IllegalStateException.class);
        fake.answering(r -> new CompletionResult("", null, "gpt-5", TurnOutcome.FAILED));
        metered.complete(request("e"));

        assertThat(errors("not_connected")).isEqualTo(1);
        assertThat(errors("rate_limited")).isEqualTo(1);
        assertThat(errors("failure")).isEqualTo(3);
        assertThat(duration("not_connected")).isEqualTo(1);
        assertThat(duration("rate_limited")).isEqualTo(1);
        assertThat(duration("failure")).isEqualTo(2);
        assertThat(duration("failed")).isEqualTo(1);
        assertThat(registry.find(MeteredProvider.TOKENS).counters()).isEmpty();
    }

    @Test
    void otherMethodsDelegateAndTheScrapeCarriesNoUserOrText() {
        assertThat(metered.id()).isEqualTo(fake.id());
        assertThat(metered.defaultModel()).isEqualTo("fake-1");
        MeteredAccounts accounts = new MeteredAccounts(fake, registry);
        TenantUser user = new TenantUser(new ClientId("c1"), new UserId("u"));
        assertThat(accounts.listModels(user)).isEqualTo(fake.listModels(user));
        accounts.updateModel(user, "fake-2");
        assertThat(accounts.accountStatus(user).model()).isEqualTo("fake-2");
        assertThat(metered.readiness()).isEqualTo(fake.readiness());

        metered.complete(request("my secret question"));
        String scrape = registry.scrape();
        assertThat(scrape).contains("codex_call_duration_ms_bucket{", "codex_tokens_total{", "codex_errors_total{",
                "codex_timeouts_total{", "provider=\"codex\"", "mode=\"app-server\"", "outcome=\"completed\"");
        assertThat(scrape).doesNotContain("user-secret-id", "secret question", "echo");
    }
}
