package com.chimti.ai.adapter.in.web.routes;

import static io.javalin.apibuilder.ApiBuilder.get;

import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Liveness and readiness, open without a token. Readiness names the failing checks only; what went wrong may
 * mention hosts or paths, so it goes to the server log instead of the response.
 */
public final class HealthRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(HealthRoutes.class);

    record Readiness(String status, List<String> failing, List<Warning> warnings) {
    }

    record Warning(String check, String warning) {
    }

    private final List<ReadinessCheck> checks;

    public HealthRoutes(List<ReadinessCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public EndpointGroup endpoints() {
        return () -> {
            get("/healthz", this::health);
            get("/readyz", this::readiness);
        };
    }

    void health(Context ctx) {
        ctx.json(Map.of("status", "ok"));
    }

    void readiness(Context ctx) {
        List<String> failing = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        for (ReadinessCheck check : checks) {
            Optional<String> problem = problemOf(check);
            problem.ifPresent(reason -> {
                LOG.warn("readiness check {} failed: {}", check.name(), reason);
                failing.add(check.name());
            });
            if (problem.isEmpty()) {
                warningOf(check).ifPresent(warning -> warnings.add(new Warning(check.name(), warning)));
            }
        }
        ctx.status(failing.isEmpty() ? 200 : 503)
                .json(new Readiness(failing.isEmpty() ? "ready" : "not_ready", failing, warnings));
    }

    private static Optional<String> warningOf(ReadinessCheck check) {
        try {
            Optional<String> warning = check.warning().get();
            return warning == null ? Optional.empty() : warning;
        } catch (RuntimeException broken) {
            return Optional.empty();
        }
    }

    private static Optional<String> problemOf(ReadinessCheck check) {
        try {
            Optional<String> problem = check.probe().get();
            return problem == null ? Optional.empty() : problem;
        } catch (RuntimeException broken) {
            return Optional.of("check threw " + broken.getClass().getSimpleName());
        }
    }
}
