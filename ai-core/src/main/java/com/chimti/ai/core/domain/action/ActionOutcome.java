package com.chimti.ai.core.domain.action;

import java.util.Map;
import java.util.Objects;

/** What running a handler gave: done with a result (the action becomes executed), or failed with a reason. */
public sealed interface ActionOutcome {

    record Done(Map<String, Object> result) implements ActionOutcome {
        public Done {
            result = Map.copyOf(Objects.requireNonNull(result, "result"));
        }
    }

    /** {@code reason} is shown to the user: no secrets, paths or SQL. */
    record Failed(String reason) implements ActionOutcome {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
