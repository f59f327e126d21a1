package com.chimti.ai.core.domain.context;

import java.util.Objects;

/**
 * The compact, permission-scoped business context attached to a turn, already rendered as text for the
 * model (summaries and ids, never raw tables).
 */
public record AiContext(String text) {
    public static final AiContext EMPTY = new AiContext("");

    public AiContext {
        Objects.requireNonNull(text, "text");
    }
}
