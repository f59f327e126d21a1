package com.chimti.ai.core.domain.action;

/**
 * Two handlers declare one action type, or a host's handler declares the type of a built-in action. Raised
 * while the registry is built, so a server with such a set of handlers does not start.
 */
public final class ActionTypeTakenException extends IllegalArgumentException {
    public ActionTypeTakenException(String message) {
        super(message);
    }
}
