package com.chimti.ai.core.port.out;

/**
 * What a provider holds for one turn from before the turn is stored until it ends: for the Codex CLI, a place
 * under its cap on live processes (the user's warm process, kept from being stopped). Closing it (idempotent)
 * gives the place back.
 */
@FunctionalInterface
public interface TurnCapacity extends AutoCloseable {
    /** Nothing held: for providers without such limits. */
    TurnCapacity NONE = () -> {
    };

    @Override
    void close();
}
