package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.ActionId;
import com.chimti.ai.core.domain.Caller;
import com.chimti.ai.core.domain.ChatId;
import java.util.Map;
import java.util.Objects;

/** What a handler gets to run: the validated input (declared fields only, typed and in scope) and who asked. */
public record ActionRequest(ActionId actionId, ChatId chatId, Caller caller, Map<String, Object> input) {
    public ActionRequest {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(caller, "caller");
        input = Map.copyOf(Objects.requireNonNull(input, "input"));
    }

    /** A declared field's value, or null when an optional field was not given. */
    public String text(String field) {
        Object value = input.get(field);
        return value == null ? null : value.toString();
    }
}
