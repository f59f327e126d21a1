package com.chimti.ai.core.service.stream;

import com.chimti.ai.core.domain.ControlCharacters;
import com.chimti.ai.core.port.in.StreamEncoder;
import com.chimti.ai.core.port.out.TurnListener;

/**
 * A provider's output as encoded stream events: a delta loses its control characters (as the stored answer does)
 * and is dropped when nothing is left; progress goes as it is. Usage updates are not forwarded: a stream's end
 * carries the stored totals and credits.
 */
abstract class EncodingListener implements TurnListener {
    final StreamEncoder encoder;

    EncodingListener(StreamEncoder encoder) {
        this.encoder = encoder;
    }

    /** Keeps or sends one event of the stream. */
    abstract void event(StreamEncoder.Encoded event);

    @Override
    public final void onDelta(String delta) {
        String text = ControlCharacters.strip(delta);
        if (text != null && !text.isEmpty()) {
            event(encoder.delta(text));
        }
    }

    @Override
    public final void onProgress(String kind, String summary) {
        event(encoder.progress(kind, summary));
    }
}
