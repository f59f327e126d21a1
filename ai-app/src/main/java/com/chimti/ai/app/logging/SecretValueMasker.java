package com.chimti.ai.app.logging;

import com.fasterxml.jackson.core.JsonStreamContext;
import net.logstash.logback.mask.ValueMasker;

/** Masks every string value of a JSON log line (message, stack_trace, MDC fields...) with {@link SecretMasking}. */
public final class SecretValueMasker implements ValueMasker {
    @Override
    public Object mask(JsonStreamContext context, Object value) {
        if (value instanceof CharSequence text) {
            String original = text.toString();
            String masked = SecretMasking.mask(original);
            return masked.equals(original) ? null : masked; // null: write the value as it is
        }
        return null;
    }
}
