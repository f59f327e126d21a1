package com.chimti.ai.core.port.in;

/** The usage log, for the caller's own calls or, for brand admins, a whole brand. */
public interface ReadUsage {
    UsageReport usage(UsageQuery query);
}
