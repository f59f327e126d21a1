package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.context.BusinessDirectory;
import com.chimti.ai.core.domain.tenancy.Caller;

/**
 * Where the business context of a turn comes from: the host platform's view of the caller's client, brands,
 * locations and teams, as ids with short names. Implementations should return only what the caller may access;
 * the context builder filters again by the caller's scope all the same, so a source that returns too much never
 * leaks it into a prompt.
 */
public interface ContextSource {

    /** Never null; {@link BusinessDirectory#EMPTY} when nothing is known. */
    BusinessDirectory directoryFor(Caller caller);
}
