package com.chimti.ai.core.domain.tenancy;

/**
 * Who may use AI: the client must have the {@code ai} module, and the caller must be a brand superadmin or
 * admin, or hold the explicit AI permission. Every other role needs that permission.
 */
public final class AiAccessPolicy {

    public boolean allows(Caller caller) {
        return caller.hasModule(Caller.AI_MODULE) && (caller.isBrandAdmin() || caller.aiAccess());
    }

    public void requireAccess(Caller caller) {
        if (!caller.hasModule(Caller.AI_MODULE)) {
            throw new AiNotEnabledException("the AI module is not enabled for this client");
        }
        if (!allows(caller)) {
            throw new AiNotEnabledException("this user has no AI permission");
        }
    }
}
