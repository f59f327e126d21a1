package com.chimti.ai.core.domain.action;

import com.chimti.ai.core.domain.tenancy.Role;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What an action handler declares: its type, the input fields with their types, the roles that may run it and
 * whether the user must confirm it before it runs. Field names are unique.
 */
public record ActionSpec(String actionType, List<ActionField> fields, Set<Role> allowedRoles,
                         boolean needsConfirmation) {
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public ActionSpec {
        if (actionType == null || !TYPE.matcher(actionType).matches()) {
            throw new IllegalArgumentException("an action type is lower_snake_case, at most 64 characters");
        }
        fields = List.copyOf(Objects.requireNonNull(fields, "fields"));
        Set<String> names = new HashSet<>();
        for (ActionField field : fields) {
            if (!names.add(field.name())) {
                throw new IllegalArgumentException("duplicate field " + field.name());
            }
        }
        allowedRoles = Set.copyOf(Objects.requireNonNull(allowedRoles, "allowedRoles"));
        if (allowedRoles.isEmpty()) {
            throw new IllegalArgumentException("an action must allow at least one role");
        }
    }
}
