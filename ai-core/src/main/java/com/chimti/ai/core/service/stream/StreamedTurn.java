package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.domain.action.AiAction;
import com.chimti.ai.core.domain.chat.AiMessage;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.port.in.StreamEncoder;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import com.chimti.ai.core.port.out.TurnEventLog;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Turns one running chat turn into events in its {@link TurnJournal}: the user message first, then deltas and
 * progress ({@link EncodingListener}) and each action the model proposed, then the encoder's end of the turn, or a
 * last failure event. It writes to no connection itself: every connection reads the journal, so the turn never
 * waits for a slow client and runs on when clients leave. Every event is also appended to the shared
 * {@link TurnEventLog}.
 *
 * <p>{@link #opened()} completes with the journal at the first event, or fails with the turn's exception when it
 * failed before any event (so the request can still answer an ordinary error). Providers may call from their own
 * threads, hence the locking.
 */
final class StreamedTurn extends EncodingListener implements TurnEvents {
    private final ChatId chatId;
    private final TurnJournals journals;
    private final TurnEventLog shared;
    private final Consumer<TurnJournal> onBegun;
    private final CompletableFuture<TurnJournal> opened = new CompletableFuture<>();
    private TurnJournal journal;

    /** @param onBegun called once with the turn's journal when its first event is about to be kept */
    StreamedTurn(ChatId chatId, TurnJournals journals, StreamEncoder encoder, TurnEventLog shared,
                 Consumer<TurnJournal> onBegun) {
        super(encoder);
        this.chatId = chatId;
        this.journals = journals;
        this.shared = shared;
        this.onBegun = onBegun;
    }

    CompletableFuture<TurnJournal> opened() {
        return opened;
    }

    /** Runs the turn to its end (on the calling thread) and journals its outcome; throws only an {@link Error}. */
    void run(Supplier<TurnResult> turn) {
        try {
            encoder.turnEnded(turn.get()).forEach(this::event);
        } catch (RuntimeException failure) {
            synchronized (this) {
                if (journal == null) {
                    opened.completeExceptionally(failure); // nothing streamed yet: the request answers an error
                    return;
                }
            }
            event(encoder.failed(failure));
        } catch (Error fatal) {
            opened.completeExceptionally(fatal);
            if (isOpen()) {
                event(encoder.failed(fatal));
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

    private synchronized boolean isOpen() {
        return journal != null;
    }

    @Override
    public void onUserMessage(AiMessage userMessage) {
        synchronized (this) {
            begin(userMessage.id().value());
        }
        event(encoder.userMessage(userMessage));
    }

    @Override
    public void onAction(AiAction action) {
        event(encoder.action(action));
    }

    private void begin(String key) {
        if (journal == null) {
            journal = journals.begin(chatId, key);
            onBegun.accept(journal);
        }
    }

    @Override
    synchronized void event(StreamEncoder.Encoded event) {
        begin(UUID.randomUUID().toString());
        TurnJournal.Entry entry = journal.append(event.name(), event.data());
        shared.append(chatId, journal.key(), entry.seq(), event.name(), event.data());
        opened.complete(journal);
    }
}
