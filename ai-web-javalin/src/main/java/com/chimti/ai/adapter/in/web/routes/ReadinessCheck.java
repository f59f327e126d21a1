package com.chimti.ai.adapter.in.web.routes;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One thing {@code /readyz} asks about (database, provider CLI...). The probe returns empty when ready, else a
 * problem description; only the check's name is shown to clients, the problem goes to the server log. The
 * warning, when present, is shown: something an operator must know about a check that passes (it must name no
 * host, path or secret).
 */
public record ReadinessCheck(String name, Supplier<Optional<String>> probe, Supplier<Optional<String>> warning) {
    public ReadinessCheck {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a readiness check needs a name");
        }
        Objects.requireNonNull(probe, "probe");
        warning = warning == null ? Optional::empty : warning;
    }

    public ReadinessCheck(String name, Supplier<Optional<String>> probe) {
        this(name, probe, null);
    }
}
