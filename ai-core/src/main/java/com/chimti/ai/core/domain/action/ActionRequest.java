package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.action.ActionId;
import com.chimti.ai.core.domain.chat.ChatId;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
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

    /** The {@code brandId} field, already checked to be in the caller's scope; null when not given. */
    public BrandId brandId() {
        String brand = text("brandId");
        return brand == null ? null : new BrandId(brand);
    }

    /** The {@code locationId} field, already checked to be in the caller's scope; null when not given. */
    public LocationId locationId() {
        String location = text("locationId");
        return location == null ? null : new LocationId(location);
    }
}
