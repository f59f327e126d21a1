package com.chimti.ai.core.service.turn;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.domain.turn.RateLimitedException;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.out.TurnListener;
import com.chimti.ai.core.service.chat.ConversationService;
import com.chimti.ai.core.service.oneshot.OneShotService;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.OneShotFixture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The admission as the use cases apply it: a refusal comes before anything is stored, held or sent. */
class TurnAdmissionInServicesTest {
    private final CoreFixture core = new CoreFixture();
    private final Caller alice = aCaller().user("alice").build();

    private TurnAdmission admission(long userRpm, long brandRpm, int perUser) {
        return new TurnAdmission(core.rateLimiter, new AdmissionSettings(userRpm, brandRpm, 0, 0, perUser, 8,
                Duration.ZERO, Duration.ofSeconds(5)));
    }

    private AiChat chat(String brand) {
        return core.chatService.create(new CreateChatCommand(alice, "t", new BrandId(brand), null));
    }

    @Test
    void aChatTurnOverTheLimitStoresNothingAndNeverReachesTheProvider() {
        ConversationService service = core.conversationService(admission(2, 0, 1));
        AiChat chat = chat("b1");
        service.send(new SendMessageCommand(alice, chat.id(), "one"), TurnEvents.NONE);
        service.send(new SendMessageCommand(alice, chat.id(), "two"), TurnEvents.NONE);
        int stored = core.messages.all().size();
        int usage = core.usage.all().size();

        assertThatThrownBy(() -> service.send(new SendMessageCommand(alice, chat.id(), "three"), TurnEvents.NONE))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofMinutes(1)));

        assertThat(core.messages.all()).hasSize(stored);
        assertThat(core.usage.all()).hasSize(usage);
        assertThat(core.provider.requests()).hasSize(2);
    }

    @Test
    void aBrandsLimitIsSharedByItsChatsButNotByOtherBrands() {
        ConversationService service = core.conversationService(admission(100, 1, 1));
        service.send(new SendMessageCommand(alice, chat("b1").id(), "one"), TurnEvents.NONE);
        assertThatThrownBy(() -> service.send(new SendMessageCommand(alice, chat("b1").id(), "two"),
                TurnEvents.NONE)).isInstanceOf(RateLimitedException.class).hasMessageContaining("brand");
        service.send(new SendMessageCommand(alice, chat("b2").id(), "three"), TurnEvents.NONE);
        assertThat(core.provider.requests()).hasSize(2);
    }

    @Test
    void aSecondConcurrentTurnOfTheSameUserIsRefusedInAnotherChat() throws Exception {
        ConversationService service = core.conversationService(admission(0, 0, 1));
        AiChat first = chat("b1");
        AiChat second = chat("b2");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        core.provider.answering(r -> {
            started.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CompletionResult("done", new TokenUsage(1, 1), r.model(), TurnOutcome.COMPLETED);
        });
        var running = CompletableFuture.supplyAsync(() ->
                service.send(new SendMessageCommand(alice, first.id(), "long"), TurnEvents.NONE));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        int stored = core.messages.all().size();

        assertThatThrownBy(() -> service.send(new SendMessageCommand(alice, second.id(), "again"), TurnEvents.NONE))
                .isInstanceOf(RateLimitedException.class).hasMessageContaining("already running");
        assertThat(core.messages.all()).hasSize(stored);

        release.countDown();
        running.get(5, TimeUnit.SECONDS);
        service.send(new SendMessageCommand(alice, second.id(), "now"), TurnEvents.NONE); // slot is back
        assertThat(core.provider.requests()).hasSize(2);
    }

    @Test
    void aOneShotCallOverTheLimitNeverReachesTheProviderNorTheLedger() {
        OneShotService service = OneShotFixture.service(core, OneShotFixture.SMALL_CAPS, admission(1, 1, 1));
        service.ask(AskOnceCommand.chat(alice, "one", null), TurnListener.NONE);
        assertThatThrownBy(() -> service.ask(AskOnceCommand.chat(alice, "two", null), TurnListener.NONE))
                .isInstanceOf(RateLimitedException.class);
        assertThat(core.provider.requests()).hasSize(1);
        assertThat(core.usage.all()).hasSize(1);
    }

    @Test
    void tokensOfATurnCountAgainstTheUsersDailyBudget() {
        TurnAdmission admission = new TurnAdmission(core.rateLimiter, new AdmissionSettings(0, 0, 20, 0, 1, 8,
                Duration.ZERO, Duration.ofSeconds(5)));
        OneShotService service = OneShotFixture.service(core, OneShotFixture.SMALL_CAPS, admission);
        service.ask(AskOnceCommand.chat(alice, "0123456789", null), TurnListener.NONE); // 10 in + 2 out
        assertThatThrownBy(() -> service.ask(AskOnceCommand.chat(alice, "0123456789", null), TurnListener.NONE))
                .isInstanceOf(RateLimitedException.class).hasMessageContaining("daily token limit");
        assertThat(core.provider.requests()).hasSize(1);
    }
}
