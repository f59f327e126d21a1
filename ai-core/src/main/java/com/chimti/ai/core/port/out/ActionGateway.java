package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.action.ActionSpec;
import com.chimti.ai.core.domain.action.ActionValidation;
import com.chimti.ai.core.domain.tenancy.Caller;
import java.util.List;
import java.util.Map;

/**
 * Where a model's proposal meets the backend's controlled functions: the gateway knows which action types
 * exist, checks a proposal against the handler's declared fields, roles and the caller's scope, and hands back
 * the handler that may run it. The model never reaches a handler any other way.
 */
public interface ActionGateway {

    /** The action types on offer, with what each one needs. */
    List<ActionSpec> specs();

    /** The handler and the cleaned input, or the reason the proposal is rejected. */
    ActionValidation validate(Caller caller, String actionType, Map<String, Object> input);
}
