package com.chimti.ai.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.chimti.ai.core.domain.AiChat;
import com.chimti.ai.core.domain.Caller;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.Page;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.ListChatsQuery;
import com.chimti.ai.core.port.in.ManageChats;
import com.chimti.ai.core.port.in.RenameChatCommand;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The read gate over HTTP with one permit: while a chat listing holds it, the next read waits its turn and,
 * past the wait, gets 503 {@code server_busy} with Retry-After; writes and health checks are not gated; a read
 * that fails gives its permit back.
 */
class ReadGateRoutesTest extends WebTestBase {
    private final CountDownLatch listing = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean holdNextList = new AtomicBoolean();
    private final AtomicBoolean failNextList = new AtomicBoolean();

    @Override
    AiWebServer.Builder configure(AiWebServer.Builder builder) {
        return builder.chats(new HoldingChats()).readGate(new ReadGateSettings(1, Duration.ofMillis(300)));
    }

    @Test
    void aReadPastTheWaitGets503WhileWritesAndHealthAreServedAndThePermitComesBack() throws Exception {
        holdNextList.set(true);
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(
                () -> get("/v1/ai/chats", adminToken));
        assertThat(listing.await(10, TimeUnit.SECONDS)).as("the first listing holds the permit").isTrue();

        HttpResponse<String> refused = get("/v1/ai/chats", adminToken);
        assertProblem(refused, 503, "server_busy");
        assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        assertThat(get("/healthz", null).statusCode()).isEqualTo(200);
        assertThat(post("/v1/ai/chats", adminToken, "{\"title\":\"while busy\"}").statusCode())
                .as("a write is not gated").isEqualTo(201);

        release.countDown();
        assertThat(held.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(get("/v1/ai/chats", adminToken).statusCode()).isEqualTo(200);

        failNextList.set(true);
        assertThat(get("/v1/ai/chats", adminToken).statusCode()).isEqualTo(500);
        assertThat(get("/v1/ai/chats", adminToken).statusCode()).as("the failed read gave its permit back")
                .isEqualTo(200);
    }

    /** The real chat service, except that a listing can be held until released, or fail. */
    private final class HoldingChats implements ManageChats {
        @Override
        public AiChat create(CreateChatCommand command) {
            return core.chatService.create(command);
        }

        @Override
        public Page<AiChat> list(ListChatsQuery query) {
            if (failNextList.getAndSet(false)) {
                throw new IllegalStateException("the database is gone");
            }
            if (holdNextList.getAndSet(false)) {
                listing.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return core.chatService.list(query);
        }

        @Override
        public AiChat get(Caller caller, ChatId chatId) {
            return core.chatService.get(caller, chatId);
        }

        @Override
        public AiChat rename(RenameChatCommand command) {
            return core.chatService.rename(command);
        }

        @Override
        public void delete(Caller caller, ChatId chatId) {
            core.chatService.delete(caller, chatId);
        }
    }
}
