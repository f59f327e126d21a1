package com.chimti.ai.core.domain.provider;

import com.chimti.ai.core.domain.ValidationException;
import java.util.regex.Pattern;

/** A provider's short name, such as {@code codex} or {@code openai-stub}. */
public record ProviderId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    public ProviderId {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new ValidationException("provider must be a lower-case name such as 'codex'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
