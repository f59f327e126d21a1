package com.chimti.ai.core.service.action;

import com.chimti.ai.core.domain.action.*;
import com.chimti.ai.core.domain.tenancy.BrandId;
import com.chimti.ai.core.domain.tenancy.Caller;
import com.chimti.ai.core.domain.tenancy.LocationId;
import com.chimti.ai.core.port.out.ActionGateway;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The closed set of actions the backend will run, by type. Validation order: unknown type, role not allowed,
 * missing field, invalid field (wrong JSON type, blank, too long, not an allowed value, malformed id), then a
 * brand or location outside the caller's scope. Fields the handler does not declare are dropped.
 */
public final class ActionRegistry implements ActionGateway {
    private final Map<String, ActionHandler> handlers = new LinkedHashMap<>();

    /** Throws {@link ActionTypeTakenException} when two handlers declare one type. */
    public ActionRegistry(Collection<? extends ActionHandler> handlers) {
        for (ActionHandler handler : handlers) {
            String type = handler.spec().actionType();
            if (this.handlers.putIfAbsent(type, handler) != null) {
                throw new ActionTypeTakenException("two handlers for action type " + type);
            }
        }
    }

    /**
     * The built-in handlers, then a host's (its extensions' and those it registered itself), in one registry: a
     * host handler is validated, offered and run exactly like a built-in one. A host handler may not take a
     * built-in type, so an extension can never replace what the core ships ({@link ActionTypeTakenException}).
     */
    public static ActionRegistry withHostHandlers(List<? extends ActionHandler> builtIn,
                                                  List<? extends ActionHandler> host) {
        Set<String> builtInTypes = new HashSet<>();
        builtIn.forEach(handler -> builtInTypes.add(handler.spec().actionType()));
        for (ActionHandler handler : host) {
            String type = handler.spec().actionType();
            if (builtInTypes.contains(type)) {
                throw new ActionTypeTakenException("the host action handler " + handler.getClass().getName()
                        + " declares " + type + ", the type of a built-in action; give it a type of its own");
            }
        }
        List<ActionHandler> all = new ArrayList<>(builtIn);
        all.addAll(host);
        return new ActionRegistry(all);
    }

    public Optional<ActionHandler> handler(String actionType) {
        return Optional.ofNullable(actionType == null ? null : handlers.get(actionType));
    }

    @Override
    public List<ActionSpec> specs() {
        return handlers.values().stream().map(ActionHandler::spec).toList();
    }

    @Override
    public ActionValidation validate(Caller caller, String actionType, Map<String, Object> input) {
        ActionHandler handler = handler(actionType).orElse(null);
        if (handler == null) {
            return new ActionValidation.Rejected(RejectionReason.UNKNOWN_TYPE, "unknown action type");
        }
        ActionSpec spec = handler.spec();
        if (spec.allowedRoles().stream().noneMatch(caller::hasRole)) {
            return new ActionValidation.Rejected(RejectionReason.ROLE_NOT_ALLOWED,
                    "the caller's role may not run " + spec.actionType());
        }
        Map<String, Object> given = input == null ? Map.of() : input;
        Map<String, Object> clean = new LinkedHashMap<>();
        for (ActionField field : spec.fields()) {
            Object value = given.get(field.name());
            if (value == null || (value instanceof String s && s.isBlank())) {
                if (field.required()) {
                    return new ActionValidation.Rejected(RejectionReason.MISSING_FIELD,
                            "missing field " + field.name());
                }
                continue;
            }
            if (!(value instanceof String text)) {
                return new ActionValidation.Rejected(RejectionReason.INVALID_FIELD,
                        "field " + field.name() + " must be a string");
            }
            String stripped = text.strip();
            if (stripped.length() > field.maxLength()) {
                return new ActionValidation.Rejected(RejectionReason.INVALID_FIELD,
                        "field " + field.name() + " may have at most " + field.maxLength() + " characters");
            }
            if (!field.allowedValues().isEmpty() && !field.allowedValues().contains(stripped)) {
                return new ActionValidation.Rejected(RejectionReason.INVALID_FIELD,
                        "field " + field.name() + " must be one of " + field.allowedValues().stream().sorted()
                                .toList());
            }
            clean.put(field.name(), stripped);
        }
        for (ActionField field : spec.fields()) {
            Object value = clean.get(field.name());
            if (value == null) {
                continue;
            }
            ActionValidation scope = checkScope(caller, field, (String) value);
            if (scope != null) {
                return scope;
            }
        }
        return new ActionValidation.Valid(handler, clean);
    }

    private static ActionValidation checkScope(Caller caller, ActionField field, String value) {
        try {
            switch (field.type()) {
                case BRAND -> {
                    if (!caller.brandIds().contains(new BrandId(value))) {
                        return new ActionValidation.Rejected(RejectionReason.OUT_OF_SCOPE,
                                "brand is outside the caller's scope");
                    }
                }
                case LOCATION -> {
                    if (!caller.locationIds().contains(new LocationId(value))) {
                        return new ActionValidation.Rejected(RejectionReason.OUT_OF_SCOPE,
                                "location is outside the caller's scope");
                    }
                }
                case TEXT -> {
                    return null;
                }
                default -> throw new IllegalStateException();
            }
        } catch (RuntimeException malformed) {
            return new ActionValidation.Rejected(RejectionReason.INVALID_FIELD,
                    "field " + field.name() + " is not a valid id");
        }
        return null;
    }
}
