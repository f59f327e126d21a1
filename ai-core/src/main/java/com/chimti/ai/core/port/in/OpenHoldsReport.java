package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.ClientId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a wallet holds at {@code asOf}: its open holds oldest first, each with its age, and the count and sum of
 * all of them ({@code truncated} when more were open than listed).
 */
public record OpenHoldsReport(ClientId clientId, BrandId brandId, Instant asOf, List<Hold> holds, long count,
                              long total, boolean truncated) {

    public record Hold(String reservationId, long amount, Instant createdAt, Duration age) {
        public Hold {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(age, "age");
        }
    }

    public OpenHoldsReport {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(asOf, "asOf");
        holds = List.copyOf(holds);
    }
}
