package com.chimti.ai.core.service.chat;

import static com.chimti.ai.core.testing.Callers.aCaller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.ValidationException;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.MessageRole;
import com.chimti.ai.core.domain.paging.PageRequest;
import com.chimti.ai.core.domain.provider.ProviderNotConnectedException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.OutOfScopeException;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.ListMessagesQuery;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.testing.CoreFixture;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConversationServiceTest {
    private final CoreFixture core = new CoreFixture();
    private final Caller alice = aCaller().user("alice").build();

    @Test
    void storesBothMessagesAndRecordsUsage() {
        AiChat chat = newChat(alice);

        TurnResult turn = core.conversationService.send(new SendMessageCommand(alice, chat.id(), "hello"),
                TurnEvents.NONE);

        assertThat(turn.outcome()).isEqualTo(TurnOutcome.COMPLETED);
        assertThat(turn.assistantMessage().content()).isEqualTo("echo: hello");
        assertThat(turn.assistantMessage().metadata()).containsEntry("outputTokens", 2L);
        List<AiMessage> stored = core.conversationService
                .messages(new ListMessagesQuery(alice, chat.id(), PageRequest.first(10))).items();
        assertThat(stored).extracting(AiMessage::role).containsExactly(MessageRole.USER, MessageRole.ASSISTANT);
        assertThat(core.usage.all()).singleElement()
                .satisfies(e -> assertThat(e.tokens()).isEqualTo(new TokenUsage(3, 2)));
    }

    @Test
    void openingAChatWarmsUpItsProviderForTheCallerButPagingBackDoesNot() {
        AiChat chat = newChat(alice);
        core.conversationService.send(new SendMessageCommand(alice, chat.id(), "hello"), TurnEvents.NONE);

        var first = core.conversationService.messages(new ListMessagesQuery(alice, chat.id(), PageRequest.first(1)));
        assertThat(core.provider.warmUps()).containsExactly(alice.tenantUser());
        core.conversationService.messages(new ListMessagesQuery(alice, chat.id(),
                new PageRequest(1, first.nextCursor())));
        assertThat(core.provider.warmUps()).containsExactly(alice.tenantUser());

        Caller bob = aCaller().user("bob").build();
        assertThatThrownBy(() -> core.conversationService.messages(new ListMessagesQuery(bob, chat.id(),
                PageRequest.first(1)))).isInstanceOf(NotFoundException.class);
        assertThat(core.provider.warmUps()).containsExactly(alice.tenantUser());
    }

    @Test
    void followUpsCarryTheEarlierTurnsAndTheScopedContext() {
        AiChat chat = newChat(alice);
        core.conversationService.send(new SendMessageCommand(alice, chat.id(), "first"), TurnEvents.NONE);
        core.conversationService.send(new SendMessageCommand(alice, chat.id(), "second"), TurnEvents.NONE);

        var request = core.provider.requests().get(1);
        assertThat(request.messages()).extracting(m -> m.content())
                .containsExactly("first", "echo: first", "second");
        assertThat(request.context().text()).contains("b1").contains("clarifying question");
    }

    @Test
    void overLongInputIsCutWithAVisibleMarker() {
        AiChat chat = newChat(alice);
        TurnResult turn = core.conversationService.send(
                new SendMessageCommand(alice, chat.id(), "y".repeat(9000)), TurnEvents.NONE);

        assertThat(turn.userMessage().content()).endsWith("[truncated 1000 chars]");
        assertThat(turn.userMessage().metadata()).containsEntry("truncated", true);
    }

    @Test
    void plantedSecretsNeverReachTheProviderOrTheStoredMessage() {
        AiChat chat = newChat(alice);
        String secret = "sk-proj-AbCdEf0123456789GhIjKl";
        TurnResult turn = core.conversationService.send(
                new SendMessageCommand(alice, chat.id(), "my key is " + secret + ", keep it safe"), TurnEvents.NONE);

        assertThat(turn.userMessage().content()).doesNotContain(secret).contains("[REDACTED:openai_key]");
        assertThat(turn.userMessage().metadata()).containsEntry("redactions", 1);
        assertThat(core.provider.requests()).allSatisfy(r ->
                assertThat(r.messages()).noneSatisfy(m -> assertThat(m.content()).contains(secret)));
        assertThat(core.messages.all()).noneSatisfy(m -> assertThat(m.content()).contains(secret));
    }

    @Test
    void blankContentAndForeignChatsAreRefusedWithoutWriting() {
        AiChat chat = newChat(alice);
        Caller bob = aCaller().user("bob").build();

        assertThatThrownBy(() -> core.conversationService.send(new SendMessageCommand(alice, chat.id(), " "),
                TurnEvents.NONE)).isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> core.conversationService.send(new SendMessageCommand(bob, chat.id(), "hi"),
                TurnEvents.NONE)).isInstanceOf(NotFoundException.class);
        assertThat(core.messages.all()).isEmpty();
    }

    @Test
    void aChatWhoseBrandLeftTheCallersScopeIsRefused() {
        AiChat chat = core.chatService.create(new CreateChatCommand(alice, "t", new BrandId("b2"), null));
        Caller shrunk = aCaller().user("alice").brands("b1").build();

        assertThatThrownBy(() -> core.conversationService.send(new SendMessageCommand(shrunk, chat.id(), "hi"),
                TurnEvents.NONE)).isInstanceOf(OutOfScopeException.class);
    }

    @Test
    void providerFaultsAreRecordedAsFailedUsageAndKeepTheUserMessage() {
        AiChat chat = newChat(alice);
        core.provider.answering(r -> {
            throw new ProviderNotConnectedException("connect your account first");
        });

        assertThatThrownBy(() -> core.conversationService.send(new SendMessageCommand(alice, chat.id(), "hi"),
                TurnEvents.NONE)).isInstanceOf(ProviderNotConnectedException.class);
        assertThat(core.messages.all()).extracting(AiMessage::role).containsExactly(MessageRole.USER);
        assertThat(core.usage.all()).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(TurnOutcome.FAILED));
    }

    @Test
    void cancelStopsTheRunningTurnAndKeepsThePartialAnswer() throws Exception {
        AiChat chat = newChat(alice);
        CountDownLatch started = new CountDownLatch(1);
        core.provider.answering(r -> {
            started.countDown();
            CountDownLatch stopped = new CountDownLatch(1);
            r.cancellation().onCancel(stopped::countDown);
            try {
                stopped.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CompletionResult("partial", TokenUsage.NONE, r.model(), TurnOutcome.CANCELLED);
        });

        var turn = java.util.concurrent.CompletableFuture.supplyAsync(() -> core.conversationService
                .send(new SendMessageCommand(alice, chat.id(), "long question"), TurnEvents.NONE));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> core.conversationService.send(new SendMessageCommand(alice, chat.id(), "again"),
                TurnEvents.NONE)).hasMessageContaining("already running");

        assertThat(core.conversationService.cancel(alice, chat.id())).isTrue();
        TurnResult result = turn.get(5, TimeUnit.SECONDS);
        assertThat(result.outcome()).isEqualTo(TurnOutcome.CANCELLED);
        assertThat(result.assistantMessage().content()).isEqualTo("partial");
        assertThat(result.assistantMessage().metadata()).containsEntry("outcome", "cancelled");
        assertThat(core.conversationService.cancel(alice, chat.id())).isFalse();
    }

    private AiChat newChat(Caller caller) {
        return core.chatService.create(new CreateChatCommand(caller, "t", new BrandId("b1"), null));
    }
}
