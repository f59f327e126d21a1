package com.chimti.ai.core.port.in;

import com.chimti.ai.core.domain.billing.UsageEntry;
import java.time.Instant;
import java.util.List;

/**
 * Usage entries newest first, and their totals. At most {@code limit} entries are returned; {@code truncated}
 * says there were more, and then the totals cover only the returned entries.
 */
public record UsageReport(Instant from, Instant to, List<UsageEntry> items, Totals totals, boolean truncated) {

    public record Totals(long inputTokens, long outputTokens, long credits, long calls) {
        public static Totals of(List<UsageEntry> entries) {
            long in = 0;
            long out = 0;
            long credits = 0;
            for (UsageEntry entry : entries) {
                in += entry.tokens().inputTokens();
                out += entry.tokens().outputTokens();
                credits += entry.credits();
            }
            return new Totals(in, out, credits, entries.size());
        }
    }

    public UsageReport {
        items = List.copyOf(items);
    }
}
