package com.chimti.ai.core.domain.action;

import java.util.Map;
import java.util.Objects;

/** The registry's verdict on a proposal: valid (with the cleaned input) or rejected with a reason. */
public sealed interface ActionValidation {

    /** {@code input} holds only the handler's declared fields, stripped and checked. */
    record Valid(ActionHandler handler, Map<String, Object> input) implements ActionValidation {
        public Valid {
            Objects.requireNonNull(handler, "handler");
            input = Map.copyOf(input);
        }
    }

    /** {@code detail} names the field or type at fault, never echoes a value. */
    record Rejected(RejectionReason reason, String detail) implements ActionValidation {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
