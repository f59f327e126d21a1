package com.chimti.ai.adapter.in.web;

import com.chimti.ai.core.domain.AiMessage;
import com.chimti.ai.core.domain.ChatId;
import com.chimti.ai.core.port.in.TurnEvents;
import com.chimti.ai.core.port.in.TurnResult;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams one turn as Server-Sent Events: {@code message} first, then {@code delta}/{@code progress}, then
 * {@code usage} and {@code done}, or a last {@code error}. Every event is also journaled so a client that lost the
 * stream can resume with {@code Last-Event-ID}; for the same reason a client that leaves does not stop the turn
 * (the cancel route does). The stream opens lazily on the first event, so a request refused before the turn
 * starts still gets a normal problem response. Providers may call from their own threads, hence the locking.
 */
final class SseTurnStream implements TurnEvents, AutoCloseable {
    static final long HEARTBEAT_SECONDS = 15;

    private final SseWriter writer;
    private final ChatId chatId;
    private final TurnJournals journals;
    private final ScheduledExecutorService heartbeats;
    private final String requestId;
    private TurnJournal journal;
    private ScheduledFuture<?> heartbeat;

    SseTurnStream(SseWriter writer, ChatId chatId, TurnJournals journals, ScheduledExecutorService heartbeats,
                  String requestId) {
        this.writer = writer;
        this.chatId = chatId;
        this.journals = journals;
        this.heartbeats = heartbeats;
        this.requestId = requestId;
    }

    boolean isOpen() {
        return writer.isOpen();
    }

    @Override
    public void onUserMessage(AiMessage userMessage) {
        synchronized (this) {
            journal = journals.begin(chatId, userMessage.id().value());
        }
        event("message", Map.of("userMessageId", userMessage.id().value()));
    }

    @Override
    public void onDelta(String text) {
        if (text != null && !text.isEmpty()) {
            event("delta", Map.of("text", text));
        }
    }

    @Override
    public void onProgress(String kind, String summary) {
        event("progress", new ProgressView(kind, summary));
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

    private synchronized void event(String name, Object data) {
        if (journal == null) {
            journal = journals.begin(chatId, UUID.randomUUID().toString());
        }
        TurnJournal.Entry entry = journal.append(name, WebJson.write(data));
        writer.event(entry.id(), entry.name(), entry.json());
        if (heartbeat == null) {
            heartbeat = heartbeats.scheduleAtFixedRate(() -> writer.comment("keep-alive"), HEARTBEAT_SECONDS,
                    HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        writer.seal(); // a heartbeat that fires late must not write to a finished response
        if (journal != null) {
            journal.finish();
        }
    }
}
