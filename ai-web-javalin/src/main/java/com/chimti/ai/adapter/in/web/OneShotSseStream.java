package com.chimti.ai.adapter.in.web;

import com.chimti.ai.core.domain.ControlCharacters;
import com.chimti.ai.core.port.in.AskOnceResult;
import com.chimti.ai.core.port.out.TurnListener;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams one one-shot answer as Server-Sent Events: {@code delta}/{@code progress} as they come, then
 * {@code usage} and {@code done {answer, meta}}, or a last {@code error {code, message}}. Ids are
 * {@code <streamId>:<n>}. There is no {@code message} event (nothing is stored) and no resume (there is no chat
 * to resume). Opens lazily on the first event, so a call refused before the provider speaks gets a normal problem
 * response; a {@code : keep-alive} comment goes out every heartbeat (15 s). The provider's thread writes
 * directly (no queue), so a slow reader slows only its own call; the heartbeat task ends with the stream.
 */
final class OneShotSseStream implements TurnListener, AutoCloseable {
    private final SseWriter writer;
    private final ScheduledExecutorService heartbeats;
    private final long heartbeatMillis;
    private final String requestId;
    private final String streamId = UUID.randomUUID().toString();
    private int sequence;
    private ScheduledFuture<?> heartbeat;

    OneShotSseStream(SseWriter writer, ScheduledExecutorService heartbeats, Duration heartbeat, String requestId) {
        this.writer = writer;
        this.heartbeats = heartbeats;
        this.heartbeatMillis = Math.max(1, heartbeat.toMillis());
        this.requestId = requestId;
    }

    boolean isOpen() {
        return writer.isOpen();
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
        event("progress", new SseTurnStream.ProgressView(kind, summary));
    }

    void finish(AskOnceResult result) {
        OneShotViews.MetaView meta = OneShotViews.MetaView.of(result.meta());
        event("usage", new UsageView(meta.inputTokens(), meta.outputTokens(), meta.credits()));
        switch (result.meta().outcome()) {
            case COMPLETED -> event("done", new OneShotViews.AnswerView(result.answer(), meta));
            case CANCELLED -> error("cancelled", "the call was cancelled");
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
        event("error", new SseTurnStream.ErrorView(code, message));
    }

    private synchronized void event(String name, Object data) {
        writer.event(streamId + ":" + (++sequence), name, WebJson.write(data));
        if (heartbeat == null) {
            heartbeat = heartbeats.scheduleAtFixedRate(() -> writer.comment("keep-alive"), heartbeatMillis,
                    heartbeatMillis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
        writer.seal();
    }
}
