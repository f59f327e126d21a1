package com.chimti.ai.app.metrics;

import com.chimti.ai.core.service.turn.TurnAdmission;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;

/**
 * {@code ai_rate_limit_rejections_total} by {@code limit}: which of the server's own limits refused a turn (429).
 * The limit kinds are a fixed list, all published at 0 from the start; the user or brand is never a label.
 */
public final class RateLimitRejections {
    static final String REJECTIONS = "ai.rate.limit.rejections";
    static final List<String> KINDS = TurnAdmission.REFUSAL_KINDS;

    private final MeterRegistry registry;

    public RateLimitRejections(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        KINDS.forEach(this::counter);
    }

    /** Counts one refusal; an unknown kind is counted as {@code other} so no free text becomes a label. */
    public void rejected(String kind) {
        counter(KINDS.contains(kind) ? kind : "other").increment();
    }

    private Counter counter(String kind) {
        return Counter.builder(REJECTIONS).description("Turns refused by the server's rate limits and caps, by limit")
                .tag("limit", kind).register(registry);
    }
}
