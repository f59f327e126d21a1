package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.port.in.AskOnceResult;
import com.chimti.ai.core.port.in.StreamEncoder;
import com.chimti.ai.core.port.in.StreamEvent;
import com.chimti.ai.core.port.in.StreamSink;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Streams one one-shot call straight to its connection: deltas and progress as they come ({@link EncodingListener}),
 * then the encoder's end of the call, or a last failure event. Ids are {@code <streamId>:<n>}. Nothing is kept (no
 * chat, no resume), and the provider's thread writes directly, so a slow reader slows only its own call. The stream
 * counts as open from its first event; from then on a keep-alive goes out every heartbeat, until {@link #close()}.
 */
final class OneShotStream extends EncodingListener implements AutoCloseable {
    private final StreamSink sink;
    private final ScheduledExecutorService timers;
    private final long heartbeatMillis;
    private final String streamId = UUID.randomUUID().toString();
    private int sequence;
    private ScheduledFuture<?> heartbeat;

    OneShotStream(StreamSink sink, StreamEncoder encoder, ScheduledExecutorService timers, Duration heartbeat) {
        super(encoder);
        this.sink = sink;
        this.timers = timers;
        this.heartbeatMillis = Math.max(1, heartbeat.toMillis());
    }

    synchronized boolean isOpen() {
        return sequence > 0;
    }

    void finish(AskOnceResult result) {
        encoder.callEnded(result).forEach(this::event);
    }

    void fail(RuntimeException failure) {
        event(encoder.failed(failure));
    }

    @Override
    synchronized void event(StreamEncoder.Encoded event) {
        sink.send(List.of(new StreamEvent(streamId + ":" + (++sequence), event.name(), event.data())));
        if (heartbeat == null) {
            heartbeat = timers.scheduleAtFixedRate(sink::keepAlive, heartbeatMillis, heartbeatMillis,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }
}
