package com.chimti.ai.core.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The range of a report over time (usage, spend, the audit trail), {@code [from, to)}: missing bounds make the
 * last 30 days (or 30 days from {@code from}); {@code from} must come first and the range may span at most 366
 * days.
 */
public record ReportRange(Instant from, Instant to) {
    public static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    public static final Duration MAX_RANGE = Duration.ofDays(366);

    public static ReportRange resolve(Instant from, Instant to, Clock clock) {
        Instant end = to != null ? to : from != null ? from.plus(DEFAULT_RANGE) : clock.instant();
        Instant start = from != null ? from : end.minus(DEFAULT_RANGE);
        if (!start.isBefore(end)) {
            throw new ValidationException("from must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new ValidationException("the range may span at most " + MAX_RANGE.toDays() + " days");
        }
        return new ReportRange(start, end);
    }
}
