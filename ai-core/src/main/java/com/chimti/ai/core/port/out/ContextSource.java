package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.context.BusinessDirectory;
import com.chimti.ai.core.domain.context.ContextRecord;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.List;

/**
 * Where the business context of a turn comes from: the host platform's view of the caller's client, brands,
 * locations and teams, as ids with short names, and any compact records a host adds (today's open orders of the
 * caller's locations, say). Several sources may be registered. Implementations should return only what the
 * caller may access; the context builder filters again by the caller's scope all the same, so a source that
 * returns too much never leaks it into a prompt, and a source that fails costs only its own part.
 */
public interface ContextSource {

    /** Never null; {@link BusinessDirectory#EMPTY} when nothing is known (or the source adds records only). */
    BusinessDirectory directoryFor(Caller caller);

    /**
     * The records for this caller, most important first; empty when the source adds none. The builder keeps
     * only those in the caller's scope, then at most the first 50 of them, and renders each as data: one
     * "- [id] text" line under its kind.
     */
    default List<ContextRecord> recordsFor(Caller caller) {
        return List.of();
    }
}
