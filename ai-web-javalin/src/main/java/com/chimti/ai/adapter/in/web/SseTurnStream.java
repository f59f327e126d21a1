package com.chimti.ai.adapter.in.web;

import com.chimti.ai.core.domain.AiAction;
import com.chimti.ai.core.domain.AiMessage;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.domain.ControlCharacters;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.out.TurnEventLog;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns one running turn into SSE events in its {@link TurnJournal}: {@code message} first, then
 * {@code delta}/{@code progress} (and {@code action} for each action the model proposed), then {@code usage} and {@code done}, or a last {@code error}. It writes to no
 * connection itself: every connection (the one that started the turn and any resumed one) reads the journal with
 * {@link SseFollower}, so the turn never waits for a slow client and runs on when clients leave.
 *
 * <p>{@link #opened()} completes with the journal at the first event, or fails with the turn's exception when it
 * failed before any event (so the request still gets an ordinary problem response). Providers may call from their
 * own threads, hence the locking.
 */
final class SseTurnStream implements TurnEvents {
    private final ChatId chatId;
    private final TurnJournals journals;
    private final String requestId;
    private final Duration abandonGrace;
    private final ScheduledExecutorService timers;
    private final Consumer<TurnJournal> onAbandoned;
    private final TurnEventLog shared;
    private final CompletableFuture<TurnJournal> opened = new CompletableFuture<>();
    private TurnJournal journal;

    /**
     * @param onAbandoned what to do when every connection has gone and none resumed within {@code abandonGrace}
     *                    while the turn still runs (the routes cancel the turn)
     * @param shared      where the events are also kept for clients that resume on another instance
     */
    SseTurnStream(ChatId chatId, TurnJournals journals, String requestId, Duration abandonGrace,
                  ScheduledExecutorService timers, Consumer<TurnJournal> onAbandoned, TurnEventLog shared) {
        this.shared = shared;
        this.chatId = chatId;
        this.journals = journals;
        this.requestId = requestId;
        this.abandonGrace = abandonGrace;
        this.timers = timers;
        this.onAbandoned = onAbandoned;
    }

    CompletableFuture<TurnJournal> opened() {
        return opened;
    }

    /** Runs the turn to its end (on the calling thread) and journals its outcome; never throws. */
    void run(Supplier<TurnResult> turn) {
        try {
            finish(turn.get());
        } catch (RuntimeException failure) {
            synchronized (this) {
                if (journal == null) {
                    opened.completeExceptionally(failure); // nothing streamed yet: the request answers a problem
                    return;
                }
            }
            fail(failure);
        } catch (Error fatal) {
            opened.completeExceptionally(fatal);
            if (isOpen()) {
                error("internal_error", "the server could not complete the turn");
            }
            throw fatal;
        } finally {
            synchronized (this) {
                if (journal != null) {
                    journal.finish();
                    shared.finish(chatId, journal.key());
                }
            }
            opened.completeExceptionally(new IllegalStateException("the turn ended without any event"));
        }
    }

    synchronized boolean isOpen() {
        return journal != null;
    }

    @Override
    public void onUserMessage(AiMessage userMessage) {
        synchronized (this) {
            begin(userMessage.id().value());
        }
        event("message", Map.of("userMessageId", userMessage.id().value()));
    }

    @Override
    public void onDelta(String delta) {
        String text = ControlCharacters.strip(delta); // as the stored answer: model output loses its controls
        if (text != null && !text.isEmpty()) {
            event("delta", Map.of("text", text));
        }
    }

    @Override
    public void onProgress(String kind, String summary) {
        event("progress", new ProgressView(kind, summary));
    }

    @Override
    public void onAction(AiAction action) {
        event("action", Map.of("action", ActionRoutes.ActionView.of(action)));
    }

    // provider usage updates are not forwarded: the final usage event carries the stored totals and credits

    void finish(TurnResult turn) {
        event("usage", UsageView.of(turn));
        switch (turn.outcome()) {
            case COMPLETED -> event("done", Map.of("assistantMessage", MessageView.of(turn.assistantMessage())));
            case CANCELLED -> error("cancelled", "the turn was cancelled");
            case TIMED_OUT -> error("provider_timeout", "the provider did not answer in time");
            case FAILED -> error("provider_error", "the provider could not answer");
        }
    }

    void fail(Exception failure) {
        ErrorMapper.Mapped mapped = ErrorMapper.map(failure);
        ErrorMapper.log(mapped, failure, requestId);
        error(mapped.code(), mapped.detail());
    }

    private void error(String code, String message) {
        event("error", new ErrorView(code, message));
    }

    record ProgressView(String kind, String summary) {
    }

    record ErrorView(String code, String message) {
    }

    private void begin(String key) {
        if (journal == null) {
            journal = journals.begin(chatId, key);
            TurnJournal begun = journal;
            journal.whenAbandoned(abandonGrace, timers, () -> onAbandoned.accept(begun));
        }
    }

    private synchronized void event(String name, Object data) {
        begin(UUID.randomUUID().toString());
        TurnJournal.Entry entry = journal.append(name, WebJson.write(data));
        shared.append(chatId, journal.key(), entry.seq(), name, entry.json());
        opened.complete(journal);
    }
}
