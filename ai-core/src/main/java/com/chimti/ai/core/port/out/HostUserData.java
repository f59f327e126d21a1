package com.chimti.ai.core.port.out;

import com.chimti.ai.core.domain.tenancy.TenantUser;

/**
 * What a host extension's own tables keep of one user (the rows its actions wrote for them, say), erased with the
 * rest of the user's AI data: an erasure calls {@link #erase} after the core's own rows are gone. The core cannot
 * know a host's tables, so an extension that keeps anything of a user provides one.
 */
public interface HostUserData {

    /**
     * Deletes (or strips of content) what this extension keeps of {@code user}, only within the user's client;
     * idempotent, so a repeated erasure finds nothing. Returns how many rows it changed.
     */
    int erase(TenantUser user);
}
