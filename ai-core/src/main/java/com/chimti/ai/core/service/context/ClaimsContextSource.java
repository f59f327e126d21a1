package com.chimti.ai.core.service.context;

import com.chimti.ai.core.domain.context.BusinessDirectory;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.port.out.ContextSource;
import java.util.Comparator;
import java.util.List;

/** The default source: only the ids in the caller's own token, without names, and no teams (tokens carry none). */
public final class ClaimsContextSource implements ContextSource {

    @Override
    public BusinessDirectory directoryFor(Caller caller) {
        return new BusinessDirectory(
                List.of(new BusinessDirectory.Client(caller.clientId(), null)),
                caller.brandIds().stream().sorted(Comparator.comparing(Object::toString))
                        .map(id -> new BusinessDirectory.Brand(id, caller.clientId(), null)).toList(),
                caller.locationIds().stream().sorted(Comparator.comparing(Object::toString))
                        .map(id -> new BusinessDirectory.Location(id, null, null)).toList(),
                List.of());
    }
}
