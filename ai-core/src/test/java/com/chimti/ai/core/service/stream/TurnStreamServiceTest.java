package com.chimti.ai.core.service.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chimti.ai.core.domain.NotFoundException;
import com.chimti.ai.core.domain.chat.AiChat;
import com.chimti.ai.core.domain.provider.ProviderFailureException;
import com.chimti.ai.core.domain.provider.TokenUsage;
import com.chimti.ai.core.domain.provider.TurnOutcome;
import com.chimti.ai.core.domain.tenancy.AiNotEnabledException;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.turn.CompletionResult;
import com.chimti.ai.core.port.in.AskOnceCommand;
import com.chimti.ai.core.port.in.CreateChatCommand;
import com.chimti.ai.core.port.in.ResumeStreamQuery;
import com.chimti.ai.core.port.in.SendMessageCommand;
import com.chimti.ai.core.port.in.StreamTurns;
import com.chimti.ai.core.port.in.TurnStream.Ending;
import com.chimti.ai.core.port.in.TurnStream;
import com.chimti.ai.core.port.out.TurnEventLog;
import com.chimti.ai.core.service.oneshot.OneShotSettings;
import com.chimti.ai.core.testing.Callers;
import com.chimti.ai.core.testing.CoreFixture;
import com.chimti.ai.core.testing.InMemoryTurnEventLog;
import com.chimti.ai.core.testing.OneShotFixture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed turns on the in-memory core: what a connection reads, resume by last event id, a turn followed through
 * another instance (two services on one shared event log), abandonment, and one-shot calls.
 */
class TurnStreamServiceTest {
    private static final Duration GRACE = Duration.ofMillis(300);
    private static final StreamSettings SETTINGS = StreamSettings.defaults().withHeartbeat(Duration.ofMillis(50))
            .withDisconnectGrace(GRACE);

    private final CoreFixture core = new CoreFixture();
    private final Caller alice = Callers.brandAdmin();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    {
        timers.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopThreads() {
        release.countDown();
        workers.shutdownNow();
        timers.shutdownNow();
    }

    private StreamTurns service(TurnEventLog shared) {
        return new TurnStreamService(core.conversationService, OneShotFixture.service(core, OneShotSettings.DEFAULTS),
                core.chatService, shared, SETTINGS, workers, timers);
    }

    private AiChat chat() {
        return core.chatService.create(new CreateChatCommand(alice, "t", null, null));
    }

    private SendMessageCommand message(AiChat chat, String content) {
        return new SendMessageCommand(alice, chat.id(), content);
    }

    /** The provider holds every turn until it is cancelled (-> CANCELLED) or released (-> COMPLETED). */
    private void holdTurns() {
        core.provider.answering(r -> {
            r.cancellation().onCancel(cancelled::countDown);
            running.countDown();
            try {
                while (cancelled.getCount() > 0 && !release.await(10, TimeUnit.MILLISECONDS)) {
                    Thread.yield();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TurnOutcome outcome = cancelled.getCount() == 0 ? TurnOutcome.CANCELLED : TurnOutcome.COMPLETED;
            return new CompletionResult("slow answer", new TokenUsage(1, 1), r.model(), outcome);
        });
    }

    /**
     * Starts a turn the provider holds, and reads it on a connection that leaves after the first event; returns the
     * id of that event.
     */
    private String startHeldTurnAndLeave(StreamTurns streams, AiChat chat) throws InterruptedException {
        holdTurns();
        TurnStream stream = streams.send(message(chat, "take your time"), new PlainEncoder());
        RecordingSink left = RecordingSink.goneAfter(1);
        assertThat(stream.follow(left)).isEqualTo(Ending.CLIENT_GONE);
        return left.written.get(0).split(" ")[0];
    }

    private static RecordingSink readAll(TurnStream stream) throws InterruptedException {
        RecordingSink sink = RecordingSink.reading();
        assertThat(stream.follow(sink)).isEqualTo(Ending.COMPLETE);
        return sink;
    }

    private static CompletableFuture<RecordingSink> readAllAsync(TurnStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return readAll(stream);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("timed out waiting for: " + what).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    @Test
    void aTurnsEventsAreNumberedUnderItsUserMessageAndEndWithItsOutcome() throws Exception {
        AiChat chat = chat();
        RecordingSink sink = readAll(service(TurnEventLog.NONE).send(message(chat, "hi"), new PlainEncoder()));

        String userMessageId = core.messages.all().get(0).id().value();
        assertThat(sink.written).containsExactly(
                userMessageId + ":1 message " + userMessageId,
                userMessageId + ":2 delta echo: hi",
                userMessageId + ":3 usage ",
                userMessageId + ":4 done echo: hi");
    }

    @Test
    void aTurnRefusedBeforeItsFirstEventThrowsAndStartsNoStream() {
        Caller stranger = Callers.aCaller().user("someone-else").build();
        AiChat chat = chat();
        StreamTurns streams = service(TurnEventLog.NONE);
        assertThatThrownBy(() -> streams.send(new SendMessageCommand(stranger, chat.id(), "hi"), new PlainEncoder()))
                .isInstanceOf(NotFoundException.class);
        assertThat(streams.resume(new ResumeStreamQuery(alice, chat.id(), null), new PlainEncoder())).isEmpty();
    }

    @Test
    void aFailureAfterTheFirstEventIsTheStreamsLastEvent() throws Exception {
        core.provider.answering(r -> {
            throw new ProviderFailureException("down");
        });
        RecordingSink sink = readAll(service(TurnEventLog.NONE).send(message(chat(), "hi"), new PlainEncoder()));
        assertThat(sink.names()).containsExactly("message", "error");
        assertThat(sink.written.get(1)).endsWith(" error ProviderFailureException");
    }

    @Test
    void aResumeReplaysWhatFollowsTheLastEventIdOrTheWholeTurnForAnyOtherId() throws Exception {
        AiChat chat = chat();
        StreamTurns streams = service(TurnEventLog.NONE);
        RecordingSink original = readAll(streams.send(message(chat, "hi"), new PlainEncoder()));
        String secondId = original.written.get(1).split(" ")[0];

        RecordingSink missed = readAll(streams.resume(new ResumeStreamQuery(alice, chat.id(), secondId),
                new PlainEncoder()).orElseThrow());
        assertThat(missed.written).containsExactlyElementsOf(original.written.subList(2, 4));
        for (String otherId : new String[] {null, "other:1", "garbage"}) {
            RecordingSink replay = readAll(streams.resume(new ResumeStreamQuery(alice, chat.id(), otherId),
                    new PlainEncoder()).orElseThrow());
            assertThat(replay.written).isEqualTo(original.written);
        }
    }

    @Test
    void onlyTheChatsOwnerMayResumeIt() throws Exception {
        AiChat chat = chat();
        StreamTurns streams = service(TurnEventLog.NONE);
        readAll(streams.send(message(chat, "private"), new PlainEncoder()));
        Caller stranger = Callers.aCaller().user("someone-else").build();
        assertThatThrownBy(() -> streams.resume(new ResumeStreamQuery(stranger, chat.id(), null), new PlainEncoder()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aTurnWhoseClientLeftIsCancelledAfterTheGrace() throws Exception {
        AiChat chat = chat();
        StreamTurns streams = service(TurnEventLog.NONE);
        long beforeLeaving = System.nanoTime(); // the grace starts inside the call, so a lower bound from before it
        startHeldTurnAndLeave(streams, chat);

        assertThat(cancelled.await(10, TimeUnit.SECONDS)).as("the turn was cancelled").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - beforeLeaving)).isGreaterThanOrEqualTo(GRACE);
        RecordingSink rest = readAll(streams.resume(new ResumeStreamQuery(alice, chat.id(), null),
                new PlainEncoder()).orElseThrow());
        assertThat(rest.names()).endsWith("usage", "error");
        assertThat(rest.written.get(rest.written.size() - 1)).endsWith(" error cancelled");
    }

    @Test
    void aClientThatResumesWithinTheGraceKeepsTheTurnRunning() throws Exception {
        AiChat chat = chat();
        StreamTurns streams = service(TurnEventLog.NONE);
        startHeldTurnAndLeave(streams, chat);
        awaitTrue(() -> timers.getQueue().size() == 1, "the grace timer started");

        CompletableFuture<RecordingSink> resumed = readAllAsync(streams.resume(
                new ResumeStreamQuery(alice, chat.id(), null), new PlainEncoder()).orElseThrow());
        awaitTrue(() -> timers.getQueue().isEmpty(), "the resume called it off");
        Thread.sleep(GRACE.toMillis() * 2);
        release.countDown();

        assertThat(resumed.get(10, TimeUnit.SECONDS).names()).containsExactly("message", "delta", "usage", "done");
        assertThat(cancelled.getCount()).as("never cancelled").isEqualTo(1);
    }

    @Test
    void aTurnRunningOnAnotherInstanceIsFollowedThroughTheSharedLogAndNotCancelledThere() throws Exception {
        InMemoryTurnEventLog shared = new InMemoryTurnEventLog();
        StreamTurns running = service(shared);
        StreamTurns other = service(shared); // another instance on the same database and event log
        AiChat chat = chat();
        String messageId = startHeldTurnAndLeave(running, chat);

        CompletableFuture<RecordingSink> followed = readAllAsync(other.resume(
                new ResumeStreamQuery(alice, chat.id(), messageId), new PlainEncoder()).orElseThrow());
        Thread.sleep(GRACE.toMillis() * 3); // the running instance looked and saw the turn followed elsewhere
        assertThat(cancelled.getCount()).as("not cancelled while followed elsewhere").isEqualTo(1);
        release.countDown();

        RecordingSink rest = followed.get(10, TimeUnit.SECONDS);
        assertThat(rest.names()).containsExactly("delta", "usage", "done");
        String key = messageId.substring(0, messageId.lastIndexOf(':'));
        assertThat(rest.written).filteredOn(line -> !line.startsWith(": keep-alive"))
                .allMatch(line -> line.startsWith(key + ":"), "an event of the turn, with its original id");

        RecordingSink replayedElsewhere = readAll(other.resume(new ResumeStreamQuery(alice, chat.id(), null),
                new PlainEncoder()).orElseThrow());
        assertThat(replayedElsewhere.names()).containsExactly("message", "delta", "usage", "done");
        assertThat(shared.size(key)).isEqualTo(4);
    }

    @Test
    void aOneShotCallStreamsStraightToItsConnection() {
        RecordingSink sink = RecordingSink.reading();
        service(TurnEventLog.NONE).ask(AskOnceCommand.chat(alice, "stream me", null), new PlainEncoder(), sink);

        assertThat(sink.names()).containsExactly("delta", "usage", "done");
        String streamId = sink.written.get(0).substring(0, sink.written.get(0).indexOf(':'));
        assertThat(sink.written).containsExactly(streamId + ":1 delta echo: stream me", streamId + ":2 usage ",
                streamId + ":3 done echo: stream me");
        assertThat(timers.getQueue()).as("no keep-alive left behind").isEmpty();
    }

    @Test
    void aOneShotCallRefusedBeforeItsFirstEventThrowsWithNothingWritten() {
        core.provider.answering(r -> {
            throw new ProviderFailureException("down");
        });
        RecordingSink sink = RecordingSink.reading();
        StreamTurns streams = service(TurnEventLog.NONE);
        assertThatThrownBy(() -> streams.ask(AskOnceCommand.chat(alice, "hi", null), new PlainEncoder(), sink))
                .isInstanceOf(ProviderFailureException.class);
        Caller withoutAi = Callers.aCaller().modules().build();
        assertThatThrownBy(() -> streams.ask(AskOnceCommand.chat(withoutAi, "hi", null), new PlainEncoder(), sink))
                .isInstanceOf(AiNotEnabledException.class);
        assertThat(sink.written).isEmpty();
        assertThat(timers.getQueue()).isEmpty();
    }

    @Test
    void aOneShotStreamKeepsASilentConnectionAliveAndEndsAFailureWithAnErrorEvent() throws Exception {
        RecordingSink sink = RecordingSink.reading();
        try (OneShotStream stream = new OneShotStream(sink, new PlainEncoder(), timers, Duration.ofMillis(20))) {
            assertThat(stream.isOpen()).isFalse();
            stream.onDelta("Hel\u0000");
            assertThat(stream.isOpen()).isTrue();
            awaitTrue(() -> sink.written.contains(": keep-alive"), "a keep-alive");
            stream.fail(new ProviderFailureException("down"));
        }
        assertThat(sink.written.stream().filter(line -> !line.startsWith(":")))
                .satisfiesExactly(delta -> assertThat(delta).endsWith(":1 delta Hel"),
                        error -> assertThat(error).endsWith(":2 error ProviderFailureException"));
        assertThat(timers.getQueue()).as("the keep-alive stopped with the stream").isEmpty();
    }
}
