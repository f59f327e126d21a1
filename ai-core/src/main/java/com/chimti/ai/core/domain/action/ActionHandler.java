package com.chimti.ai.core.domain.action;

/**
 * A controlled backend function the model may propose. It declares its {@link ActionSpec}; the registry has
 * validated type, fields, roles and scope before {@link #execute} is called, and the service calls it at most once
 * per proposal. The built-in handlers write only to this project's own tables through outbound ports; a host's
 * handler (from an {@link com.chimti.ai.core.port.out.AiExtension}) writes only to the host extension's own tables.
 * No handler may run a shell command, start a process or reach another system.
 */
public interface ActionHandler {

    ActionSpec spec();

    /** Runs the action. An exception counts as a failure with a generic reason. */
    ActionOutcome execute(ActionRequest request);
}
