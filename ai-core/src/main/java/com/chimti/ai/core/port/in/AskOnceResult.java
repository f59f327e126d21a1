package com.chimti.ai.core.port.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The answer to one call.
 *
 * @param answer     the provider's answer text (both modes)
 * @param toolResult tool mode only, else null: {@code output} (the answer text), {@code skill} (its name) and
 *                   {@code arguments} (the {@code extra} values that were honoured: validated, redacted)
 * @param meta       provider, model, timing, tokens, redactions, truncation, skill, outcome
 */
public record AskOnceResult(String answer, Map<String, Object> toolResult, AskOnceMeta meta) {
    public AskOnceResult {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(meta, "meta");
        toolResult = toolResult == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(toolResult));
    }
}
